//! serde's view of a value the browser's `JSON.parse` made: our types keep their one serde
//! definition and are read from the parsed value as they would be from the text.
//!
//! Written here rather than taken from serde-wasm-bindgen (which still writes request
//! bodies): its reader reports a wrong type with serde's default messages, which format
//! the offending value, and so pull core's float and escape formatting (about 7 KB gzip)
//! into a bundle held to 100 KB (issue 18). Here a wrong type names what was expected.
//! Only JSON's values exist in a parsed value: null, booleans, numbers, strings, arrays
//! and objects.

use std::fmt::Display;

use js_sys::{Array, Object};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Expected, IntoDeserializer,
    MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};
use wasm_bindgen::{JsCast, JsValue};

/// Reads `value` (parsed JSON) as a `T`.
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    T::deserialize(Value(value))
}

/// Why a parsed value is not the type asked for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

impl de::Error for Error {
    fn custom<T: Display>(message: T) -> Self {
        Error(message.to_string())
    }

    // Without the value itself (see the module's comment).
    fn invalid_type(_: Unexpected, expected: &dyn Expected) -> Self {
        Error::custom(format_args!("invalid type: expected {expected}"))
    }

    fn invalid_value(_: Unexpected, expected: &dyn Expected) -> Self {
        Error::custom(format_args!("invalid value: expected {expected}"))
    }
}

/// The largest integer a JSON number holds exactly in the browser (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

struct Value(JsValue);

/// What a parsed value is, found once, outside the code generated for each type read.
enum Json {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    Items(Array),
    /// `Object.entries`: its own keys and values, in order.
    Entries(Array),
}

impl Json {
    #[inline(never)]
    fn of(value: JsValue) -> Result<Json, Error> {
        if value.is_null() || value.is_undefined() {
            return Ok(Json::Null);
        }
        if let Some(flag) = value.as_bool() {
            return Ok(Json::Bool(flag));
        }
        if let Some(number) = value.as_f64() {
            // Whole numbers as integers, so integer fields read them.
            return Ok(
                if number.fract() != 0.0 || number.abs() > MAX_SAFE_INTEGER {
                    Json::Float(number)
                } else if number >= 0.0 {
                    Json::Unsigned(number as u64)
                } else {
                    Json::Signed(number as i64)
                },
            );
        }
        if let Some(text) = value.as_string() {
            return Ok(Json::Text(text));
        }
        if Array::is_array(&value) {
            return Ok(Json::Items(Array::from(&value)));
        }
        if value.is_object() {
            return Ok(Json::Entries(Object::entries(value.unchecked_ref())));
        }
        Err(de::Error::custom("a value JSON cannot hold"))
    }
}

impl<'de> Deserializer<'de> for Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Json::of(self.0)? {
            Json::Null => visitor.visit_unit(),
            Json::Bool(flag) => visitor.visit_bool(flag),
            Json::Unsigned(number) => visitor.visit_u64(number),
            Json::Signed(number) => visitor.visit_i64(number),
            Json::Float(number) => visitor.visit_f64(number),
            Json::Text(text) => visitor.visit_string(text),
            Json::Items(items) => visitor.visit_seq(Items { items, next: 0 }),
            Json::Entries(entries) => visitor.visit_map(Entries {
                entries,
                next: 0,
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant is its name (`"sandbox"`); any other, an object of one key.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(name.into_deserializer());
        }
        let entries = Object::entries(self.0.unchecked_ref());
        if entries.length() != 1 {
            return Err(de::Error::custom(
                "an enum: a string or an object of one key",
            ));
        }
        let entry = Array::from(&entries.get(0));
        visitor.visit_enum(Variant {
            name: entry.get(0),
            value: entry.get(1),
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// An array's items, in order.
struct Items {
    items: Array,
    next: u32,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(Value(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.items.length() - self.next) as usize)
    }
}

/// An object's keys and values (`Object.entries`: its own, in order).
struct Entries {
    entries: Array,
    next: u32,
    value: Option<JsValue>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let entry = Array::from(&self.entries.get(self.next));
        self.next += 1;
        self.value = Some(entry.get(1));
        seed.deserialize(Value(entry.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.value.take().unwrap_or(JsValue::UNDEFINED);
        seed.deserialize(Value(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.entries.length() - self.next) as usize)
    }
}

/// `{"name": value}` as an enum's variant.
struct Variant {
    name: JsValue,
    value: JsValue,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Value;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Value), Error> {
        let name = seed.deserialize(Value(self.name))?;
        Ok((name, Value(self.value)))
    }
}

impl<'de> VariantAccess<'de> for Value {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }
}
