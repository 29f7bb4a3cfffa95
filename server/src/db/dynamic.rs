//! A query assembled at run time (the officers' list filters) with `$n` placeholders.
//! sqlx's `QueryBuilder` writes `?` for the `Any` driver, which PostgreSQL cannot read.

use sqlx::any::AnyRow;
use sqlx::{Any, FromRow};

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
        let mut query = sqlx::query::<Any>(&self.sql);
        for value in &self.values {
            query = match value {
                Value::Text(s) => query.bind(s.as_str()),
                Value::Int(n) => query.bind(*n),
            };
        }
        Ok(query.execute(executor).await?.rows_affected())
    }

    pub async fn fetch_all<T>(&self, db: &Db) -> sqlx::Result<Vec<T>>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        let mut query = sqlx::query_as::<Any, T>(&self.sql);
        for value in &self.values {
            query = match value {
                Value::Text(s) => query.bind(s.as_str()),
                Value::Int(n) => query.bind(*n),
            };
        }
        query.fetch_all(db).await
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
