//! The indicateur mutations, each in one transaction with its audit entry.

use async_graphql::{Context, Object};
use maillage_shared::role::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::error::AppError;
use crate::graphql::regles::autorise;
use crate::poste::entity::coordinateur;

/// Indicator mutations.
#[derive(Default)]
pub struct IndicateurMutation;

#[Object]
impl IndicateurMutation {
    /// The coordinator shows or hides itself on the public map; returns the new setting.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn afficher_sur_la_carte(&self, ctx: &Context<'_>, visible: bool) -> async_graphql::Result<bool> {
        crate::graphql::context::in_transaction(ctx, async |txn, acteur| {
            acteur.exiger(Role::Coordinateur)?;
            let modifies = coordinateur::Entity::update_many()
                .col_expr(
                    coordinateur::Column::VisibleCarte,
                    sea_orm::sea_query::Expr::value(visible),
                )
                .filter(coordinateur::Column::UtilisateurId.eq(acteur.utilisateur_id))
                .filter(coordinateur::Column::PartiLe.is_null())
                .exec(txn)
                .await?;
            if modifies.rows_affected == 0 {
                return Err(AppError::Interdit(
                    "Aucun poste de coordinateur en cours n’est rattaché à votre compte.".to_owned(),
                ));
            }
            Ok(visible)
        })
        .await
    }
}
