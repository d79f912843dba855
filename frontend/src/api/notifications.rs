//! The caller's notifications (`graphql/notifications.graphql`).

#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(MesNotifications, "graphql/notifications.graphql");
operation!(NotificationsLues, "graphql/notifications.graphql");
operation!(MarquerNotificationLue, "graphql/notifications.graphql");

/// A notification shown in the app.
pub type Notification = mes_notifications::MesNotificationsMesNotifications;

/// The caller's latest notifications, newest first.
pub async fn mes_notifications() -> Result<Vec<Notification>, ErreurApi> {
    Ok(send::<MesNotifications>(mes_notifications::Variables)
        .await?
        .mes_notifications)
}

/// How many of the caller's notifications are unread (for the header).
pub async fn nombre_non_lues() -> Result<usize, ErreurApi> {
    Ok(send::<NotificationsLues>(notifications_lues::Variables)
        .await?
        .mes_notifications
        .iter()
        .filter(|notification| !notification.lue)
        .count())
}

/// Marks one of the caller's notifications as read.
pub async fn marquer_lue(id: &str) -> Result<(), ErreurApi> {
    let variables = marquer_notification_lue::Variables { id: id.to_owned() };
    send::<MarquerNotificationLue>(variables).await.map(|_| ())
}
