//! The session: who is logged in, logging in and out, switching role, and registering (a structure, or a
//! person joining the candidate pool).

use maillage_shared::role::Role;
use maillage_shared::structure::CategorieStructure;
use serde::Deserialize;
use serde_json::json;

use super::postes::Profil;
use super::{ErreurApi, requete};

/// The fields of `Moi` every query of this module asks for.
macro_rules! champs_moi {
    () => {
        "email prenom nom roleActif { id role libelle departementCode regionCode } \
         roles { id role libelle departementCode regionCode }"
    };
}

/// A role held by the person, with its scope.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleDuCompte {
    pub id: String,
    pub role: Role,
    /// "Préfecture — département 29".
    pub libelle: String,
    pub departement_code: Option<String>,
    pub region_code: Option<String>,
}

/// The logged-in person.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Moi {
    pub email: String,
    pub prenom: String,
    pub nom: String,
    pub role_actif: Option<RoleDuCompte>,
    pub roles: Vec<RoleDuCompte>,
}

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

#[derive(Deserialize)]
struct UnMoi {
    moi: Option<Moi>,
}

/// The logged-in person, or `None` when anonymous.
pub async fn moi() -> Result<Option<Moi>, ErreurApi> {
    const QUERY: &str = concat!("{ moi { ", champs_moi!(), " } }");
    Ok(requete::<UnMoi>(QUERY, json!({})).await?.moi)
}

#[derive(Deserialize)]
struct Connexion {
    connexion: Moi,
}

/// Logs in; the server sets the session cookie.
pub async fn connexion(email: &str, mot_de_passe: &str) -> Result<Moi, ErreurApi> {
    const QUERY: &str = concat!(
        "mutation($email: String!, $motDePasse: String!) { connexion(email: $email, motDePasse: $motDePasse) { ",
        champs_moi!(),
        " } }"
    );
    let variables = json!({ "email": email, "motDePasse": mot_de_passe });
    Ok(requete::<Connexion>(QUERY, variables).await?.connexion)
}

/// Logs out; the server ends the session and clears the cookie.
pub async fn deconnexion() -> Result<(), ErreurApi> {
    const QUERY: &str = "mutation { deconnexion }";
    requete::<serde_json::Value>(QUERY, json!({})).await.map(|_| ())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChoisirRole {
    choisir_role: Moi,
}

/// Acts in another of one's roles for the rest of the session.
pub async fn choisir_role(role_id: &str) -> Result<Moi, ErreurApi> {
    const QUERY: &str = concat!(
        "mutation($roleId: ID!) { choisirRole(roleId: $roleId) { ",
        champs_moi!(),
        " } }"
    );
    Ok(requete::<ChoisirRole>(QUERY, json!({ "roleId": role_id }))
        .await?
        .choisir_role)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Inscription {
    inscription_structure: Moi,
}

/// What a structure gives when it registers (`InscriptionStructureEntree`).
#[derive(Debug, Clone, PartialEq)]
pub struct InscriptionStructure {
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
}

/// Creates the structure and its account, and logs it in.
pub async fn inscrire_structure(inscription: &InscriptionStructure) -> Result<Moi, ErreurApi> {
    const QUERY: &str = concat!(
        "mutation($entree: InscriptionStructureEntree!) { inscriptionStructure(entree: $entree) { ",
        champs_moi!(),
        " } }"
    );
    let entree = json!({
        "email": inscription.email,
        "motDePasse": inscription.mot_de_passe,
        "prenom": inscription.prenom,
        "nom": inscription.nom,
        "siret": inscription.siret,
        "nomStructure": inscription.nom_structure,
        "categorie": inscription.categorie.map(|categorie| categorie.as_str()),
        "statutPublic": inscription.statut_public,
        "missionInteretGeneral": inscription.mission_interet_general,
        "communeCode": inscription.commune_code,
        "conseillersNumeriques": inscription.conseillers_numeriques,
    });
    Ok(requete::<Inscription>(QUERY, json!({ "entree": entree }))
        .await?
        .inscription_structure)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InscriptionCandidat {
    inscription_candidat: Moi,
}

/// Registers a person in the candidate pool with their profile, and logs them in.
pub async fn inscrire_candidat(
    email: &str,
    mot_de_passe: &str,
    prenom: &str,
    nom: &str,
    profil: &Profil,
) -> Result<Moi, ErreurApi> {
    const QUERY: &str = concat!(
        "mutation($entree: InscriptionCandidatEntree!) { inscriptionCandidat(entree: $entree) { ",
        champs_moi!(),
        " } }"
    );
    let entree = json!({
        "email": email,
        "motDePasse": mot_de_passe,
        "prenom": prenom,
        "nom": nom,
        "profil": profil.entree(),
    });
    Ok(requete::<InscriptionCandidat>(QUERY, json!({ "entree": entree }))
        .await?
        .inscription_candidat)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Acceptation {
    accepter_invitation: Moi,
}

/// Accepts the invitation of a link into a coordinator's team: logged in, with the person's account;
/// anonymous, creating the account of the invited address (`compte`: first name, last name, password).
pub async fn accepter_invitation(
    jeton: &str,
    compte: Option<(String, String, String)>,
) -> Result<Moi, ErreurApi> {
    const QUERY: &str = concat!(
        "mutation($j: String!, $c: CompteInviteEntree) { accepterInvitation(jeton: $j, compte: $c) { ",
        champs_moi!(),
        " } }"
    );
    let compte = compte.map(
        |(prenom, nom, mot_de_passe)| json!({ "prenom": prenom, "nom": nom, "motDePasse": mot_de_passe }),
    );
    Ok(requete::<Acceptation>(QUERY, json!({ "j": jeton, "c": compte }))
        .await?
        .accepter_invitation)
}
