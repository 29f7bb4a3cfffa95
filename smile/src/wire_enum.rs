//! [`wire_enum!`](crate::wire_enum): the one way an enum that travels as a string is declared,
//! in Smile's model and in Wink's own contract (`wink-api`).

/// Declares an enum that travels as a string: each spelling is written once and gives
/// `as_str`, `Display`, `FromStr` and serde in both directions.
///
/// Syntax: `Variant = "wire"`, with optional `| "alias"` spellings accepted on input only.
///
/// - **Open** (Smile's model, the default): values it does not know are kept in
///   `Unknown(String)` and written back verbatim; the known ones are listed in `KNOWN`.
///   Smile adds values between minor versions, and one new value must never make a whole
///   response or webhook unparseable.
/// - **Closed** (`#[wire_enum(closed)]` first; Wink's own contract): the enum is `Copy`,
///   lists its values in `ALL`, and an unknown string is an error naming it
///   ([`UnknownVariant`](crate::UnknownVariant)). `#[wire_enum(closed, manual_from_str)]`
///   leaves `FromStr` to be written by hand (a configuration value read more leniently
///   than the wire).
///
/// ```
/// smile_api::wire_enum! {
///     /// Smile's account status.
///     pub enum Status {
///         Connected = "CONNECTED",
///     }
/// }
/// assert_eq!(Status::from("NEW"), Status::Unknown("NEW".into()));
///
/// smile_api::wire_enum! {
///     #[wire_enum(closed)]
///     /// How a list is ordered.
///     pub enum Sort {
///         Newest = "newest",
///         Name = "name" | "by_name",
///     }
/// }
/// assert_eq!("by_name".parse(), Ok(Sort::Name));
/// assert_eq!(Sort::Newest.to_string(), "newest");
/// assert!("oldest".parse::<Sort>().unwrap_err().to_string().contains("`oldest`"));
/// ```
#[macro_export]
macro_rules! wire_enum {
    // The closed enum itself, and all but its `FromStr`.
    (@closed
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[doc = concat!("\n\nOn the wire: `", $wire, "`.")]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($wire),+].len()] = [$($name::$variant),+];

            /// Every wire spelling, in declaration order.
            pub const SPELLINGS: &'static [&'static str] = &[$($wire),+];

            /// The wire spelling.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $wire, )+
                }
            }

            /// The value spelled `value` on the wire (or by one of its aliases).
            pub fn parse(value: &str) -> Option<Self> {
                match value {
                    $( $wire $(| $alias)* => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: $crate::__private::serde::Deserializer<'de>,
            {
                let value =
                    <String as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                $name::parse(&value).ok_or_else(|| {
                    <D::Error as $crate::__private::serde::de::Error>::unknown_variant(
                        &value,
                        $name::SPELLINGS,
                    )
                })
            }
        }

        $crate::wire_enum!(@as_string $name);
    };

    // What both kinds share: written as their wire spelling.
    (@as_string $name:ident) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
            where
                S: $crate::__private::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }
    };

    // Closed, with `FromStr` written by hand.
    (
        #[wire_enum(closed, manual_from_str)]
        $($rest:tt)*
    ) => {
        $crate::wire_enum!(@closed $($rest)*);
    };

    // Closed.
    (
        #[wire_enum(closed)]
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($body:tt)* }
    ) => {
        $crate::wire_enum!(@closed $(#[$meta])* $vis enum $name { $($body)* });

        impl ::core::str::FromStr for $name {
            type Err = $crate::UnknownVariant;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                $name::parse(value).ok_or_else(|| {
                    $crate::UnknownVariant::new(stringify!($name), value, $name::SPELLINGS)
                })
            }
        }
    };

    // Open (the default): unknown values are kept.
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[doc = concat!("\n\nOn the wire: `", $wire, "`.")]
                $variant,
            )+
            /// A value this crate does not know (yet); kept verbatim and serialised back as is.
            Unknown(String),
        }

        impl $name {
            /// Every value this crate knows, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The wire spelling of every value this crate knows, in declaration order.
            pub const SPELLINGS: &'static [&'static str] = &[$($wire),+];

            /// The wire spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(other) => other,
                }
            }

            /// `false` for [`Self::Unknown`].
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire $(| $alias)* => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match $name::from(value.as_str()) {
                    $name::Unknown(_) => $name::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok($name::from(value))
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: $crate::__private::serde::Deserializer<'de>,
            {
                <String as $crate::__private::serde::Deserialize>::deserialize(deserializer)
                    .map($name::from)
            }
        }

        $crate::wire_enum!(@as_string $name);
    };
}

/// A string that is none of a closed [`wire_enum!`](crate::wire_enum)'s spellings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a {type_name}; expected one of: {}", .expected.join(", "))]
pub struct UnknownVariant {
    type_name: &'static str,
    value: String,
    expected: &'static [&'static str],
}

impl UnknownVariant {
    /// `value` is not one of the `expected` spellings of the enum `type_name`.
    pub fn new(type_name: &'static str, value: &str, expected: &'static [&'static str]) -> Self {
        UnknownVariant {
            type_name,
            value: value.to_owned(),
            expected,
        }
    }

    /// The string as given.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The spellings it could have been.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}
