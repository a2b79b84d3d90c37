//! Kunde's journey map as a picture: stages as columns, touchpoints as cards coloured by
//! their health, loops where customers go back, and the customer's emotion curve across the
//! stages. Pure: a [`Map`] (plain data the web layer fills in) goes in, SVG text or PNG bytes
//! come out. The layout is computed separately ([`layout::layout`]) so it can be tested as
//! numbers rather than as pictures.

pub mod escape;
pub mod layout;
pub mod png;
pub mod svg;

pub use escape::escape;
pub use layout::{Layout, layout};
pub use png::{PngError, render_png};
pub use svg::render_svg;

/// Everything the picture shows. All text is the user's or already translated; the
/// drawing escapes it.
#[derive(Debug, Clone, Default)]
pub struct Map {
    pub title: String,
    /// A line under the title (the variant, what the colours mean, the data behind them).
    pub subtitle: String,
    pub stages: Vec<StageColumn>,
    /// Back-steps between touchpoints, drawn as arrows from the later touchpoint to the
    /// earlier one, thicker for more customers.
    pub loops: Vec<Loop>,
    pub labels: Labels,
}

#[derive(Debug, Clone, Default)]
pub struct StageColumn {
    pub name: String,
    pub cards: Vec<Card>,
    /// The customer's mood in this stage, 0 (bad) to 1 (good); `None` when nothing is known.
    /// Measured from survey answers once they exist; until then the web layer derives it
    /// and says so in [`Labels::emotion`].
    pub emotion: Option<f64>,
    /// What the emotion point shows, such as "62 %".
    pub emotion_label: String,
}

#[derive(Debug, Clone, Default)]
pub struct Card {
    pub name: String,
    /// The staff member responsible, already prefixed ("Owner: Sara") or empty.
    pub owner: String,
    /// Channel, digital or physical: one short line.
    pub kind: String,
    /// The numbers behind the colour, such as "120 reached · 38 % went on".
    pub detail: String,
    pub health: Health,
    /// Outside the business's control (a review site, friends): drawn with a dashed border.
    pub outside: bool,
}

/// A card's colour. The web layer decides the thresholds; the picture only draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Health {
    Good,
    Mixed,
    Poor,
    #[default]
    NoData,
}

/// An arrow from a later touchpoint back to an earlier one. Positions are
/// `(stage index, card index)` into [`Map::stages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loop {
    pub from: (usize, usize),
    pub to: (usize, usize),
    pub customers: u64,
}

/// Translated words the picture needs besides the user's own text.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// The emotion curve's caption, saying where its numbers come from.
    pub emotion: String,
    pub good: String,
    pub mixed: String,
    pub poor: String,
    pub no_data: String,
    /// The legend entry for loops ("customers going back").
    pub loops: String,
    /// Shown in an empty stage.
    pub empty_stage: String,
}
