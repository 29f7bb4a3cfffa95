//! A query assembled at run time (the officers' list filters) with `$n` placeholders.
//! sqlx's `QueryBuilder` writes `?` for the `Any` driver, which PostgreSQL cannot read.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Any, Arguments, FromRow};

use super::Db;

#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Int(i64),
}

#[derive(Debug, Default)]
pub struct Query {
    sql: String,
    values: Vec<Value>,
}

impl Query {
    pub fn new(sql: &str) -> Self {
        Self {
            sql: sql.to_owned(),
            values: Vec::new(),
        }
    }

    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    pub fn bind_text(&mut self, value: impl Into<String>) -> &mut Self {
        self.values.push(Value::Text(value.into()));
        self.placeholder()
    }

    pub fn bind_int(&mut self, value: i64) -> &mut Self {
        self.values.push(Value::Int(value));
        self.placeholder()
    }

    fn placeholder(&mut self) -> &mut Self {
        self.sql.push('$');
        self.sql.push_str(&self.values.len().to_string());
        self
    }

    /// Adds a value without writing its placeholder; returns its number `n`, for SQL that
    /// refers to it (`$n`) once or many times.
    pub fn add_text(&mut self, value: impl Into<String>) -> usize {
        self.values.push(Value::Text(value.into()));
        self.values.len()
    }

    /// Runs it (inside a transaction, or on the pool); the rows it changed.
    pub async fn execute<'c, E>(&self, executor: E) -> sqlx::Result<u64>
    where
        E: sqlx::Executor<'c, Database = Any>,
    {
        let done = sqlx::query_with(&self.sql, self.arguments()?)
            .execute(executor)
            .await?;
        Ok(done.rows_affected())
    }

    pub async fn fetch_all<T>(&self, db: &Db) -> sqlx::Result<Vec<T>>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        sqlx::query_as_with(&self.sql, self.arguments()?)
            .fetch_all(db)
            .await
    }

    fn arguments(&self) -> sqlx::Result<AnyArguments<'_>> {
        let mut arguments = AnyArguments::default();
        for value in &self.values {
            match value {
                Value::Text(s) => arguments.add(s.as_str()),
                Value::Int(n) => arguments.add(*n),
            }
            .map_err(sqlx::Error::Encode)?;
        }
        Ok(arguments)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut q = Query::new("SELECT 1 WHERE a = ");
        q.bind_text("x")
            .push(" AND b = ")
            .bind_int(2)
            .push(" AND c = ")
            .bind_text("y");
        assert_eq!(q.sql, "SELECT 1 WHERE a = $1 AND b = $2 AND c = $3");
        assert_eq!(q.values.len(), 3);
        assert_eq!(q.add_text("z"), 4);
    }
}
