//! The national pool of candidates for coordinator posts (vivier): joining it, and keeping one's profile.

pub mod candidat_page;
pub mod inscription_page;

mod profil;
