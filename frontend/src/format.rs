//! Dates and amounts as a French reader expects them, in the browser's time zone.

use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::format::nombre;
use wasm_bindgen::JsValue;
use web_sys::js_sys::Date;

/// "15/01/2026".
pub fn date(jour: NaiveDate) -> String {
    jour.format("%d/%m/%Y").to_string()
}

/// "15/01/2026 à 14 h 03", in the browser's time zone, from an instant of the server.
pub fn horodatage(instant: &DateTime<Utc>) -> String {
    let rfc3339 = instant.to_rfc3339();
    let instant = Date::new(&JsValue::from_str(&rfc3339));
    if instant.get_time().is_nan() {
        return rfc3339;
    }
    format!(
        "{:02}/{:02}/{} à {} h {:02}",
        instant.get_date(),
        instant.get_month() + 1,
        instant.get_full_year(),
        instant.get_hours(),
        instant.get_minutes()
    )
}

/// Today in metropolitan France, by the same rule as the server (`maillage_shared::jour`), whatever the
/// browser's time zone: the default date of a consultation, the latest one allowed.
pub fn aujourd_hui() -> Option<NaiveDate> {
    // Whole milliseconds since 1970 fit an i64 exactly for the next 285 000 years.
    #[allow(clippy::cast_possible_truncation)]
    let millisecondes = Date::now() as i64;
    chrono::DateTime::from_timestamp_millis(millisecondes).map(maillage_shared::jour::jour_en_metropole)
}

/// "40 000 €".
pub fn euros(montant: i64) -> String {
    format!("{}\u{a0}€", nombre(montant))
}

/// "3,2": a figure with `decimales` digits after the decimal comma.
pub fn decimal(valeur: f64, decimales: usize) -> String {
    format!("{valeur:.decimales$}").replace('.', ",")
}

/// "45,3 %": a share between 0 and 1, as a percentage with one decimal.
pub fn pourcentage(part: f64) -> String {
    format!("{}\u{a0}%", decimal(part * 100.0, 1))
}

/// "mars 2026": the month of a day, as the payment of a convention is announced.
pub use maillage_shared::format::mois_et_annee as mois;
