//! The administration of roles: `/agents` (who holds the roles of one's scope, invite, withdraw) and
//! `/invitation-agent` (the link of an invitation, accepted by the invited person).

pub mod agents_page;
pub mod invitation_agent_page;
