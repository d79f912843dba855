//! The local gouvernances the préfectures register: members, co-porteurs, comités, feuilles de route and
//! their actions, with their history; and a structure's place in the gouvernance of its département.

pub mod accueil;
pub mod entity;
pub mod schema;
pub mod service;
