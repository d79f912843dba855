//! The programme's conseillers numériques, for ANCT and the préfectures.

pub mod conseillers_page;
