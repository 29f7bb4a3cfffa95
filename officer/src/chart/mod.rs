//! The geometry of the detail page's two charts, apart from their markup so it can be
//! tested with plain data: the contributions bar chart and the employment timeline. Both
//! are drawn in a fixed coordinate space (`viewBox`) that CSS scales to the page width.

pub mod contributions;
pub mod employment;

/// Width of both charts' coordinate space.
pub const WIDTH: f64 = 720.0;
/// Room on the left and right of the plot.
pub const MARGIN: f64 = 8.0;

/// Rounds for the markup (and for tests): two decimals are plenty in a 720-wide space.
pub fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
