//! Who may use a workspace's portal at all: its audience. With no
//! conditions, every customer the site verifies; otherwise only those who
//! match every condition (the conditions of [`crate::visibility`], on the
//! customer and their companies). Anyone else sees a "no access" screen and
//! no data.

use crate::visibility::{Condition, CustomerFacts, MAX_CONDITIONS};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawAudience")]
pub struct PortalAudience {
    pub conditions: Vec<Condition>,
}

#[derive(Deserialize)]
struct RawAudience {
    conditions: Vec<Condition>,
}

impl TryFrom<RawAudience> for PortalAudience {
    type Error = String;

    fn try_from(raw: RawAudience) -> Result<Self, String> {
        Self::new(raw.conditions)
    }
}

impl PortalAudience {
    pub fn new(conditions: Vec<Condition>) -> Result<Self, String> {
        if conditions.len() > MAX_CONDITIONS {
            return Err(format!("at most {MAX_CONDITIONS} audience conditions"));
        }
        Ok(Self { conditions })
    }

    /// Whether this customer may use the portal.
    pub fn admits(&self, customer: &CustomerFacts<'_>) -> bool {
        self.conditions.iter().all(|c| c.matches(customer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributes::CustomerAttributes;

    #[test]
    fn everyone_unless_conditions_say_otherwise() {
        let none = CustomerAttributes::default();
        let globex = [("globex".to_string(), "Globex".to_string())];
        let sam = CustomerFacts { email: "sam@example.com", name: "Sam", attributes: &none, companies: &globex };
        let kim = CustomerFacts { email: "kim@other.test", name: "Kim", attributes: &none, companies: &[] };
        let example = Condition::parse("email", "contains", "example.com").unwrap();
        let company = Condition::parse("company.key", "equals", "globex").unwrap();
        for (conditions, sam_admitted, kim_admitted) in
            [(vec![], true, true), (vec![example.clone()], true, false), (vec![example, company], true, false)]
        {
            let audience = PortalAudience::new(conditions).unwrap();
            assert_eq!((audience.admits(&sam), audience.admits(&kim)), (sam_admitted, kim_admitted), "{audience:?}");
        }
        let json = r#"{"conditions":[{"attribute":"email","operator":"contains","value":"x"}]}"#;
        assert_eq!(serde_json::to_string(&serde_json::from_str::<PortalAudience>(json).unwrap()).unwrap(), json);
        assert!(PortalAudience::new(vec![Condition::parse("email", "contains", "x").unwrap(); 21]).is_err());
    }
}
