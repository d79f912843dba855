//! The session: who is logged in, logging in and out, switching role, and registering (a structure, or a
//! person joining the candidate pool). The operations are in `graphql/compte.graphql`.

use super::postes::{Profil, profil_entree};
#[allow(
    clippy::wildcard_imports,
    reason = "the generated modules read the schema's names from here"
)]
use super::schema::*;
use super::{ErreurApi, operation, send};

operation!(
    /// The one operation whose `Moi` the others of this document answer with.
    LireMoi,
    "graphql/compte.graphql"
);
operation!(Connexion, "graphql/compte.graphql", response_type = "super::Moi");
operation!(ProConnectOffert, "graphql/compte.graphql");
operation!(Deconnexion, "graphql/compte.graphql");
operation!(
    ChoisirRole,
    "graphql/compte.graphql",
    response_type = "super::Moi"
);
operation!(
    ChoisirAccord,
    "graphql/compte.graphql",
    response_type = "super::Moi"
);
operation!(
    InscriptionStructure,
    "graphql/compte.graphql",
    response_type = "super::Moi"
);
operation!(
    InscriptionCandidat,
    "graphql/compte.graphql",
    response_type = "super::Moi"
);
operation!(
    AccepterInvitation,
    "graphql/compte.graphql",
    response_type = "super::Moi"
);
operation!(
    AccepterInvitationAgent,
    "graphql/compte.graphql",
    response_type = "super::Moi"
);
operation!(VerifierAdresse, "graphql/compte.graphql");
operation!(RenvoyerVerification, "graphql/compte.graphql");
operation!(DemanderReinitialisation, "graphql/compte.graphql");
operation!(
    ReinitialiserMotDePasse,
    "graphql/compte.graphql",
    response_type = "super::Moi"
);
operation!(ChangerMotDePasse, "graphql/compte.graphql");
operation!(ChangerAdresse, "graphql/compte.graphql");
operation!(MesDonnees, "graphql/compte.graphql");
operation!(EffacerMonCompte, "graphql/compte.graphql");

/// The logged-in person, and a role they hold with its scope.
pub use lire_moi::{Moi, RoleDuCompte};

impl Moi {
    /// The role the person acts in now.
    pub fn role(&self) -> Option<Role> {
        self.role_actif.as_ref().map(|role| role.role)
    }

    /// Whether the person acts as an agent following a territory (préfecture, SGAR, hub, ANCT).
    pub fn est_agent(&self) -> bool {
        matches!(
            self.role(),
            Some(Role::Prefecture | Role::Sgar | Role::Hub | Role::Anct)
        )
    }

    /// "Sarah Porteuse".
    pub fn nom_complet(&self) -> String {
        format!("{} {}", self.prenom, self.nom)
    }
}

/// The logged-in person, or `None` when anonymous.
pub async fn moi() -> Result<Option<Moi>, ErreurApi> {
    Ok(send::<LireMoi>(lire_moi::Variables).await?.moi)
}

/// Whether this service offers to log in with ProConnect.
pub async fn pro_connect_offert() -> Result<bool, ErreurApi> {
    Ok(send::<ProConnectOffert>(pro_connect_offert::Variables)
        .await?
        .pro_connect)
}

/// What the login page says when a login through ProConnect came back without a session
/// (`/connexion?proconnect=…`, set by the server).
pub fn refus_pro_connect(code: &str) -> String {
    match code {
        "etat" => "La connexion avec ProConnect n’a pas abouti : elle a expiré ou n’a pas été commencée dans ce \
                   navigateur. Cliquez de nouveau sur « S’identifier avec ProConnect »."
            .to_owned(),
        "sans-compte" => "Aucun compte Maillage n’est associé à cette identité ProConnect. Demandez une invitation \
                          à la personne qui administre les accès de votre territoire (ANCT, préfecture, hub ou \
                          structure), puis reconnectez-vous avec ProConnect."
            .to_owned(),
        "demande-envoyee" => "Votre demande pour rejoindre la structure de votre SIRET est transmise à ses membres \
                              sur Maillage. Dès qu’un membre l’accepte, vous recevez une invitation par courriel : \
                              reconnectez-vous alors avec ProConnect."
            .to_owned(),
        "demande-refusee" => "Les membres de la structure de votre SIRET ont refusé votre demande de la rejoindre. \
                              Rapprochez-vous d’eux si c’est une erreur : ils peuvent vous inviter."
            .to_owned(),
        "demande-limitee" => "La structure de votre SIRET a reçu trop de demandes aujourd’hui. Réessayez demain, ou \
                              demandez à un de ses membres de vous inviter."
            .to_owned(),
        "desactive" => "Ce compte a été désactivé par l’ANCT. Écrivez à l’ANCT si vous devez de nouveau accéder à \
                        Maillage."
            .to_owned(),
        "fournisseur" => "ProConnect n’a pas confirmé votre identité : la connexion a été annulée ou refusée."
            .to_owned(),
        "indisponible" => "ProConnect ou Maillage est momentanément indisponible. Réessayez dans quelques minutes."
            .to_owned(),
        _ => "La réponse de ProConnect n’a pas pu être vérifiée. Réessayez ; si cela se reproduit, écrivez à \
              l’équipe de Maillage."
            .to_owned(),
    }
}

/// Logs in; the server sets the session cookie.
pub async fn connexion(email: &str, mot_de_passe: &str) -> Result<Moi, ErreurApi> {
    let variables = connexion::Variables {
        email: email.to_owned(),
        mot_de_passe: mot_de_passe.to_owned(),
    };
    Ok(send::<Connexion>(variables).await?.connexion)
}

/// Logs out; the server ends the session and clears the cookie.
pub async fn deconnexion() -> Result<(), ErreurApi> {
    send::<Deconnexion>(deconnexion::Variables).await.map(|_| ())
}

/// Acts in another of one's roles for the rest of the session.
pub async fn choisir_role(role_id: &str) -> Result<Moi, ErreurApi> {
    let variables = choisir_role::Variables {
        role_id: role_id.to_owned(),
    };
    Ok(send::<ChoisirRole>(variables).await?.choisir_role)
}

/// Names the person's roles in the feminine (`true`) or in the masculine.
pub async fn choisir_accord(au_feminin: bool) -> Result<Moi, ErreurApi> {
    let variables = choisir_accord::Variables { au_feminin };
    Ok(send::<ChoisirAccord>(variables).await?.choisir_accord)
}

operation!(RegistreEntreprises, "graphql/compte.graphql");

/// What the company register says of a SIRET, to fill a structure's registration.
pub type FicheRegistre = registre_entreprises::RegistreEntreprisesRegistreEntreprises;
pub use registre_entreprises::EtatRegistre;

/// Asks the company register about `siret` (through the server).
pub async fn consulter_registre(siret: &str) -> Result<FicheRegistre, ErreurApi> {
    let variables = registre_entreprises::Variables {
        siret: siret.to_owned(),
    };
    Ok(send::<RegistreEntreprises>(variables).await?.registre_entreprises)
}

/// What a structure gives when it registers (`InscriptionStructureEntree`).
#[derive(Debug, Clone, PartialEq)]
pub struct NouvelleStructure {
    pub email: String,
    pub mot_de_passe: String,
    pub prenom: String,
    pub nom: String,
    pub siret: String,
    pub nom_structure: String,
    /// `None`: the structure fits none of the ten categories.
    pub categorie: Option<CategorieStructure>,
    pub statut_public: bool,
    pub mission_interet_general: bool,
    pub commune_code: String,
    pub conseillers_numeriques: i64,
    /// Why the category differs from the one the company register proposed.
    pub motif_categorie: Option<String>,
}

/// Creates the structure and its account, and logs it in.
pub async fn inscrire_structure(inscription: &NouvelleStructure) -> Result<Moi, ErreurApi> {
    let entree = inscription_structure::InscriptionStructureEntree {
        email: inscription.email.clone(),
        mot_de_passe: inscription.mot_de_passe.clone(),
        prenom: inscription.prenom.clone(),
        nom: inscription.nom.clone(),
        siret: inscription.siret.clone(),
        nom_structure: inscription.nom_structure.clone(),
        categorie: inscription.categorie,
        statut_public: inscription.statut_public,
        mission_interet_general: inscription.mission_interet_general,
        commune_code: inscription.commune_code.clone(),
        conseillers_numeriques: inscription.conseillers_numeriques,
        motif_categorie: inscription.motif_categorie.clone(),
    };
    let variables = inscription_structure::Variables { entree };
    Ok(send::<InscriptionStructure>(variables)
        .await?
        .inscription_structure)
}

/// Registers a person in the candidate pool with their profile, and logs them in.
pub async fn inscrire_candidat(
    email: &str,
    mot_de_passe: &str,
    prenom: &str,
    nom: &str,
    profil: &Profil,
) -> Result<Moi, ErreurApi> {
    let entree = inscription_candidat::InscriptionCandidatEntree {
        email: email.to_owned(),
        mot_de_passe: mot_de_passe.to_owned(),
        prenom: prenom.to_owned(),
        nom: nom.to_owned(),
        profil: profil_entree!(inscription_candidat, profil),
    };
    let variables = inscription_candidat::Variables { entree };
    Ok(send::<InscriptionCandidat>(variables).await?.inscription_candidat)
}

/// Accepts the invitation of a link into a coordinator's team: logged in, with the person's account;
/// anonymous, creating the account of the invited address (`compte`: first name, last name, password).
pub async fn accepter_invitation(
    jeton: &str,
    compte: Option<(String, String, String)>,
) -> Result<Moi, ErreurApi> {
    let compte = compte.map(
        |(prenom, nom, mot_de_passe)| accepter_invitation::CompteInviteEntree {
            prenom,
            nom,
            mot_de_passe,
        },
    );
    let variables = accepter_invitation::Variables {
        jeton: jeton.to_owned(),
        compte,
    };
    Ok(send::<AccepterInvitation>(variables).await?.accepter_invitation)
}

/// Opens the link sent to an address (`jeton` is its secret): the address is proven, or the account takes
/// the new address it asked for.
pub async fn verifier_adresse(jeton: &str) -> Result<(), ErreurApi> {
    let variables = verifier_adresse::Variables {
        jeton: jeton.to_owned(),
    };
    send::<VerifierAdresse>(variables).await.map(|_| ())
}

/// Sends the caller a new link to verify their address.
pub async fn renvoyer_verification() -> Result<(), ErreurApi> {
    send::<RenvoyerVerification>(renvoyer_verification::Variables)
        .await
        .map(|_| ())
}

/// "Mot de passe oublié": a link goes to the address if it has an account (the answer never says).
pub async fn demander_reinitialisation(email: &str) -> Result<(), ErreurApi> {
    let variables = demander_reinitialisation::Variables {
        email: email.to_owned(),
    };
    send::<DemanderReinitialisation>(variables).await.map(|_| ())
}

/// Sets a new password with the link of "mot de passe oublié", and logs in.
pub async fn reinitialiser_mot_de_passe(jeton: &str, mot_de_passe: &str) -> Result<Moi, ErreurApi> {
    let variables = reinitialiser_mot_de_passe::Variables {
        jeton: jeton.to_owned(),
        mot_de_passe: mot_de_passe.to_owned(),
    };
    Ok(send::<ReinitialiserMotDePasse>(variables)
        .await?
        .reinitialiser_mot_de_passe)
}

/// Changes the caller's password; their other sessions end.
pub async fn changer_mot_de_passe(actuel: &str, nouveau: &str) -> Result<(), ErreurApi> {
    let variables = changer_mot_de_passe::Variables {
        actuel: actuel.to_owned(),
        nouveau: nouveau.to_owned(),
    };
    send::<ChangerMotDePasse>(variables).await.map(|_| ())
}

/// Asks for the caller's account to use `nouvelle` address, once the link sent there is opened.
pub async fn changer_adresse(nouvelle: &str, mot_de_passe: &str) -> Result<(), ErreurApi> {
    let variables = changer_adresse::Variables {
        nouvelle: nouvelle.to_owned(),
        mot_de_passe: mot_de_passe.to_owned(),
    };
    send::<ChangerAdresse>(variables).await.map(|_| ())
}

/// Everything Maillage holds about the caller, as one JSON document.
pub async fn mes_donnees() -> Result<serde_json::Value, ErreurApi> {
    Ok(send::<MesDonnees>(mes_donnees::Variables).await?.mes_donnees)
}

/// Erases the caller's account, the password given again; every session ends.
pub async fn effacer_mon_compte(mot_de_passe: &str) -> Result<(), ErreurApi> {
    let variables = effacer_mon_compte::Variables {
        mot_de_passe: mot_de_passe.to_owned(),
    };
    send::<EffacerMonCompte>(variables).await.map(|_| ())
}

/// Accepts an invitation to hold a role: logged in with the invited address, or creating the account of
/// that address (`compte`: first name, last name, password); the new session acts in the person's roles.
pub async fn accepter_invitation_agent(
    jeton: &str,
    compte: Option<(String, String, String)>,
) -> Result<Moi, ErreurApi> {
    let compte = compte.map(
        |(prenom, nom, mot_de_passe)| accepter_invitation_agent::CompteInviteEntree {
            prenom,
            nom,
            mot_de_passe,
        },
    );
    let variables = accepter_invitation_agent::Variables {
        jeton: jeton.to_owned(),
        compte,
    };
    Ok(send::<AccepterInvitationAgent>(variables)
        .await?
        .accepter_invitation_agent)
}
