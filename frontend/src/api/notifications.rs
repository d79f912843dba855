//! The caller's notifications.

use serde::Deserialize;
use serde_json::json;

use super::{ErreurApi, requete};

/// A notification shown in the app.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: String,
    pub titre: String,
    pub message: String,
    /// Path in the app of what it is about.
    pub lien: String,
    pub lue: bool,
    /// RFC 3339.
    pub cree_le: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MesNotifications {
    mes_notifications: Vec<Notification>,
}

/// The caller's latest notifications, newest first.
pub async fn mes_notifications() -> Result<Vec<Notification>, ErreurApi> {
    const QUERY: &str = "{ mesNotifications { id titre message lien lue creeLe } }";
    Ok(requete::<MesNotifications>(QUERY, json!({}))
        .await?
        .mes_notifications)
}

#[derive(Deserialize)]
struct Lue {
    lue: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NonLues {
    mes_notifications: Vec<Lue>,
}

/// How many of the caller's notifications are unread (for the header).
pub async fn nombre_non_lues() -> Result<usize, ErreurApi> {
    const QUERY: &str = "{ mesNotifications { lue } }";
    Ok(requete::<NonLues>(QUERY, json!({}))
        .await?
        .mes_notifications
        .iter()
        .filter(|notification| !notification.lue)
        .count())
}

/// Marks one of the caller's notifications as read.
pub async fn marquer_lue(id: &str) -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation($id: ID!) { marquerNotificationLue(id: $id) }";
    requete::<serde_json::Value>(QUERY, json!({ "id": id }))
        .await
        .map(|_| ())
}
