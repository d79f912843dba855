//! Rules of accounts shared by the registration forms and the server.

/// Shortest password accepted (ANSSI recommends long passphrases over complexity rules).
pub const MOT_DE_PASSE_MIN: usize = 12;
