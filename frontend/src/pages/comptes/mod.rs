//! Accounts: logging in, the registration of a structure, the answer to an invitation into a team, and the
//! account itself: its address proven by a link, a forgotten password, a new password or address.

pub mod adresse_page;
pub mod compte_page;
pub mod connexion_page;
pub mod inscription_page;
pub mod invitation_page;
pub mod mes_donnees;
pub mod mot_de_passe_page;
