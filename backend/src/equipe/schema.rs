//! GraphQL: the coordinator reads its team and its history, invites médiateurs, resends, takes them off;
//! the invited person reads the invitation through its link and answers; a médiateur reads and leaves its
//! teams.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use maillage_shared::equipe::{OrigineMembre, StatutInvitation};
use sea_orm::DatabaseConnection;

use super::entity::invitation;
use super::invitations;
use super::invitations::NouvelleInvitation;
use super::membres;
use super::mes_equipes;
use super::reponse;
use crate::compte::schema::{CompteInviteEntree, Moi, repondre_connecte};
use crate::error::{AppError, GraphqlResult};
use crate::formation::schema::FormationConseiller;
use crate::graphql::context::{actor, caller, in_transaction, numeric_id, today};
use crate::graphql::regles::autorise;

/// An employer of the coordinator's territory, with its conseillers under contract in the perimeter.
#[derive(SimpleObject)]
pub struct EmployeurDuTerritoire {
    pub structure_id: ID,
    pub nom: String,
    pub siret: String,
    pub commune_code: String,
    /// The name of its commune.
    pub commune: String,
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub conseillers: Vec<ConseillerDeLEmployeur>,
    /// The people who act for the structure in Maillage.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub contacts: Vec<ContactDeLEmployeur>,
}

/// A conseiller of an employer, as its coordinator reads it.
#[derive(SimpleObject)]
pub struct ConseillerDeLEmployeur {
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub nom: String,
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub email: String,
    pub commune_code: String,
    pub contrat_fin: Option<NaiveDate>,
}

/// Someone who acts for an employer in Maillage.
#[derive(SimpleObject)]
pub struct ContactDeLEmployeur {
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub nom: String,
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    pub email: String,
}

/// A member of the coordinator's team.
#[derive(SimpleObject)]
pub struct MembreEquipe {
    pub origine: OrigineMembre,
    /// The person's account (whom a bilateral meeting or a message is for).
    pub personne_id: ID,
    /// Set for a conseiller numérique (the key of its figures in `activiteEquipe`).
    pub conseiller_id: Option<ID>,
    /// Set for a médiateur (the invitation to take it off the team).
    pub invitation_id: Option<ID>,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub nom: String,
    pub commune_code: Option<String>,
    /// The structure that employs them.
    pub structure: String,
    pub contrat_debut: Option<NaiveDate>,
    pub contrat_fin: Option<NaiveDate>,
    /// Start of contract (conseiller) or acceptance of the invitation (médiateur).
    pub arrive_le: Option<NaiveDate>,
    pub derniere_activite: Option<NaiveDate>,
    /// A conseiller's training as it declared it (none for a médiateur).
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub formation: Option<FormationConseiller>,
}

/// Someone joining or leaving the team.
#[derive(SimpleObject)]
pub struct MouvementEquipe {
    pub date: NaiveDate,
    /// "Prénom Nom".
    pub personne: String,
    pub origine: OrigineMembre,
    /// `true` for an arrival, `false` for a departure.
    pub arrivee: bool,
    /// Why a médiateur left, if said.
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub motif: String,
}

/// An invitation of a médiateur, as its coordinator follows it.
#[derive(SimpleObject)]
pub struct InvitationMediateur {
    pub id: ID,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub email: String,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("connecte".into()))]
    pub nom: String,
    pub structure: String,
    pub commune_code: Option<String>,
    pub statut: StatutInvitation,
    /// Sent and not answered within the link's validity: to resend.
    pub expiree: bool,
    /// How many times it was sent.
    pub envois: i32,
    pub envoyee_le: DateTime<Utc>,
    pub repondue_le: Option<DateTime<Utc>>,
    pub arrive_le: Option<NaiveDate>,
    pub parti_le: Option<NaiveDate>,
    pub motif_depart: String,
}

impl InvitationMediateur {
    fn de(i: invitation::Model, maintenant: DateTime<Utc>) -> Result<Self, AppError> {
        let statut = StatutInvitation::parse(&i.statut).ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("statut illisible pour l’invitation {}", i.id))
        })?;
        Ok(Self {
            id: ID(i.id.to_string()),
            expiree: statut == StatutInvitation::Envoyee
                && maillage_shared::equipe::invitation_expiree(i.envoyee_le, maintenant),
            email: i.email,
            prenom: i.prenom,
            nom: i.nom,
            structure: i.structure,
            commune_code: i.commune_code,
            statut,
            envois: i.envois,
            envoyee_le: i.envoyee_le,
            repondue_le: i.repondue_le,
            arrive_le: i.arrive_le,
            parti_le: i.parti_le,
            motif_depart: i.motif_depart,
        })
    }
}

/// An invitation as the invited person reads it through its link.
#[derive(SimpleObject)]
pub struct InvitationRecue {
    #[graphql(directive = autorise::apply("public".into()))]
    pub prenom: String,
    #[graphql(directive = autorise::apply("public".into()))]
    pub nom: String,
    #[graphql(directive = autorise::apply("public".into()))]
    pub email: String,
    pub statut: StatutInvitation,
    pub expiree: bool,
    /// "Prénom Nom" of the coordinator who invites.
    pub coordinateur: String,
    /// The structure hosting the coordinator's post.
    pub porteuse: String,
    pub departement_code: String,
    /// An account already uses this address: log in with it to answer.
    pub compte_existant: bool,
}

/// A team of the calling médiateur.
#[derive(SimpleObject)]
pub struct EquipeDuMediateur {
    /// The membership (to leave it).
    pub id: ID,
    pub coordinateur: String,
    pub porteuse: String,
    pub departement_code: String,
    pub statut: StatutInvitation,
    pub arrive_le: Option<NaiveDate>,
    pub parti_le: Option<NaiveDate>,
}

/// A médiateur to invite.
#[derive(InputObject)]
pub struct InvitationEntree {
    pub email: String,
    pub prenom: String,
    pub nom: String,
    /// The structure the person works for.
    pub structure: String,
    /// INSEE code of the commune where the person works, in the perimeter.
    pub commune_code: Option<String>,
}

/// Team queries.
#[derive(Default)]
pub struct EquipeQuery;

#[Object]
impl EquipeQuery {
    /// The calling coordinator's team today: conseillers numériques of its perimeter under contract and the
    /// médiateurs who accepted its invitation, each person once, by name.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn mon_equipe(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MembreEquipe>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let jour = today();
        let equipe = membres::equipe(db, acteur, jour).await.graphql()?;
        // Personal data read by a coordinator: the audit log keeps it.
        crate::journal::consigner_seul(db, &crate::journal::du_champ(ctx, Some(acteur)))
            .await
            .graphql()?;
        Ok(equipe
            .into_iter()
            .map(|m| MembreEquipe {
                origine: m.origine,
                personne_id: ID(m.personne.id.to_string()),
                conseiller_id: m.conseiller_id.map(|id| ID(id.to_string())),
                invitation_id: m.invitation_id.map(|id| ID(id.to_string())),
                prenom: m.personne.prenom,
                nom: m.personne.nom,
                commune_code: m.commune_code,
                structure: m.structure,
                contrat_debut: m.contrat_debut,
                contrat_fin: m.contrat_fin,
                arrive_le: m.arrive_le,
                derniere_activite: m.derniere_activite,
                formation: m.formation.map(|f| FormationConseiller::de(f, jour)),
            })
            .collect())
    }

    /// The employers of the calling coordinator's territory, by name: the structures employing the
    /// conseillers under contract in its perimeter, with them and the people who act for the structure.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn employeurs_de_mon_territoire(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<EmployeurDuTerritoire>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let acteur = actor(ctx)?;
        let employeurs = super::employeurs::employeurs(db, acteur, today())
            .await
            .graphql()?;
        // Personal data read by a coordinator: the audit log keeps it.
        crate::journal::consigner_seul(db, &crate::journal::du_champ(ctx, Some(acteur)))
            .await
            .graphql()?;
        Ok(employeurs
            .into_iter()
            .map(|e| EmployeurDuTerritoire {
                structure_id: ID(e.structure.id.to_string()),
                nom: e.structure.nom,
                siret: e.structure.siret,
                commune_code: e.structure.commune_code,
                commune: e.commune,
                conseillers: e
                    .conseillers
                    .into_iter()
                    .map(|(c, u)| ConseillerDeLEmployeur {
                        prenom: u.prenom,
                        nom: u.nom,
                        email: u.email,
                        commune_code: c.commune_code,
                        contrat_fin: c.contrat_fin,
                    })
                    .collect(),
                contacts: e
                    .contacts
                    .into_iter()
                    .map(|u| ContactDeLEmployeur {
                        prenom: u.prenom,
                        nom: u.nom,
                        email: u.email,
                    })
                    .collect(),
            })
            .collect())
    }

    /// Who joined and left the calling coordinator's team, latest first.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn historique_equipe(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<MouvementEquipe>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let mouvements = membres::historique(db, actor(ctx)?, today()).await.graphql()?;
        Ok(mouvements
            .into_iter()
            .map(|m| MouvementEquipe {
                date: m.date,
                personne: m.personne,
                origine: m.origine,
                arrivee: m.arrivee,
                motif: m.motif,
            })
            .collect())
    }

    /// The calling coordinator's invitations of médiateurs, latest sent first.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn mes_invitations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<InvitationMediateur>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let maintenant = Utc::now();
        invitations::invitations(db, actor(ctx)?)
            .await
            .and_then(|lignes| {
                lignes
                    .into_iter()
                    .map(|i| InvitationMediateur::de(i, maintenant))
                    .collect()
            })
            .graphql()
    }

    /// An invitation read through the secret of its link (no login needed: the link was emailed to the
    /// person). An unknown or replaced link is `NOT_FOUND`.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn invitation(&self, ctx: &Context<'_>, jeton: String) -> async_graphql::Result<InvitationRecue> {
        let db = ctx.data::<DatabaseConnection>()?;
        let lue = reponse::lire(db, &jeton, Utc::now()).await.graphql()?;
        Ok(InvitationRecue {
            prenom: lue.invitation.prenom,
            nom: lue.invitation.nom,
            email: lue.invitation.email,
            statut: lue.statut,
            expiree: lue.expiree,
            coordinateur: lue.coordinateur,
            porteuse: lue.porteuse,
            departement_code: lue.departement_code,
            compte_existant: lue.compte_existant,
        })
    }

    /// The teams of the calling médiateur (role MEDIATEUR), current ones first.
    #[graphql(directive = autorise::apply("MEDIATEUR".into()))]
    async fn mes_equipes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<EquipeDuMediateur>> {
        let db = ctx.data::<DatabaseConnection>()?;
        let equipes = mes_equipes::mes_equipes(db, actor(ctx)?).await.graphql()?;
        Ok(equipes
            .into_iter()
            .map(|e| EquipeDuMediateur {
                id: ID(e.invitation.id.to_string()),
                coordinateur: e.coordinateur,
                porteuse: e.porteuse,
                departement_code: e.departement_code,
                statut: e.statut,
                arrive_le: e.invitation.arrive_le,
                parti_le: e.invitation.parti_le,
            })
            .collect())
    }
}

/// Team mutations.
#[derive(Default)]
pub struct EquipeMutation;

#[Object]
impl EquipeMutation {
    /// Invites a médiateur numérique from outside the programme into the calling coordinator's team: the
    /// person receives an email with a link valid 30 days. `CONFLICT` when already in the team or invited.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn inviter_mediateur(
        &self,
        ctx: &Context<'_>,
        invitation: InvitationEntree,
    ) -> async_graphql::Result<InvitationMediateur> {
        let nouvelle = NouvelleInvitation {
            email: invitation.email,
            prenom: invitation.prenom,
            nom: invitation.nom,
            structure: invitation.structure,
            commune_code: invitation.commune_code,
        };
        let maintenant = Utc::now();
        in_transaction(ctx, async |txn, acteur| {
            let creee = invitations::inviter(txn, acteur, &nouvelle, maintenant).await?;
            InvitationMediateur::de(creee, maintenant)
        })
        .await
    }

    /// Sends an invitation again with a new link (the previous one stops working); at most once a day
    /// (`RATE_LIMITED`), not to a member (`CONFLICT`).
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn renvoyer_invitation(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<InvitationMediateur> {
        let id = numeric_id(&id).graphql()?;
        let maintenant = Utc::now();
        in_transaction(ctx, async |txn, acteur| {
            let renvoyee = invitations::renvoyer(txn, acteur, id, maintenant).await?;
            InvitationMediateur::de(renvoyee, maintenant)
        })
        .await
    }

    /// Takes a médiateur off the calling coordinator's team; the membership stays in the team's history.
    #[graphql(directive = autorise::apply("COORDINATEUR".into()))]
    async fn retirer_de_l_equipe(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(default)] motif: String,
    ) -> async_graphql::Result<InvitationMediateur> {
        let id = numeric_id(&id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            let partie = invitations::retirer(txn, acteur, id, &motif, today()).await?;
            InvitationMediateur::de(partie, Utc::now())
        })
        .await
    }

    /// Accepts an invitation through its link. Logged in, with the invited address: the person's account
    /// gets the role MEDIATEUR and acts in it. Anonymous: `compte` creates the account of the invited address
    /// and logs it in (`EMAIL_TAKEN` if one exists: log in first).
    #[graphql(directive = autorise::apply("public".into()))]
    async fn accepter_invitation(
        &self,
        ctx: &Context<'_>,
        jeton: String,
        compte: Option<CompteInviteEntree>,
    ) -> async_graphql::Result<Moi> {
        let db = ctx.data::<DatabaseConnection>()?;
        let connecte = caller(ctx).0.as_ref();
        let accepteur = CompteInviteEntree::accepteur(compte.as_ref(), connecte).graphql()?;
        let txn = crate::database::ecriture(db).await.graphql()?;
        let (utilisateur_id, role_id) = reponse::accepter(&txn, &jeton, accepteur, Utc::now())
            .await
            .graphql()?;
        let token = match connecte {
            Some(acteur) => {
                crate::compte::service::activer_role(&txn, &acteur.session_id, role_id)
                    .await
                    .graphql()?;
                None
            }
            None => Some(
                crate::compte::service::ouvrir_session(&txn, utilisateur_id)
                    .await
                    .graphql()?,
            ),
        };
        let mut entree = crate::journal::du_champ(ctx, connecte);
        entree.acteur_id = Some(utilisateur_id);
        crate::journal::consigner(&txn, &entree).await.graphql()?;
        txn.commit().await.graphql()?;
        match (token, connecte) {
            (Some(token), _) => repondre_connecte(ctx, &token).await,
            (None, Some(acteur)) => crate::compte::service::acteur_de_cle(db, acteur.session_id.clone())
                .await
                .graphql()?
                .map(|relu| Moi::from(&relu))
                .ok_or_else(|| AppError::NonConnecte.into_graphql()),
            (None, None) => Err(AppError::NonConnecte.into_graphql()),
        }
    }

    /// Declines an invitation through its link (no login needed); the coordinator is told.
    #[graphql(directive = autorise::apply("public".into()))]
    async fn refuser_invitation(&self, ctx: &Context<'_>, jeton: String) -> async_graphql::Result<bool> {
        let db = ctx.data::<DatabaseConnection>()?;
        let txn = crate::database::ecriture(db).await.graphql()?;
        reponse::refuser(&txn, &jeton, Utc::now()).await.graphql()?;
        crate::journal::consigner(&txn, &crate::journal::du_champ(ctx, caller(ctx).0.as_ref()))
            .await
            .graphql()?;
        txn.commit().await.graphql()?;
        Ok(true)
    }

    /// The calling médiateur leaves one of its teams; the coordinator is told.
    #[graphql(directive = autorise::apply("MEDIATEUR".into()))]
    async fn quitter_l_equipe(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(default)] motif: String,
    ) -> async_graphql::Result<bool> {
        let id = numeric_id(&id).graphql()?;
        in_transaction(ctx, async |txn, acteur| {
            mes_equipes::quitter(txn, acteur, id, &motif, today()).await?;
            Ok(true)
        })
        .await
    }
}
