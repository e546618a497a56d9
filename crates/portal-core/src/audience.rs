//! Who may use a workspace's portal at all: its audience. With no
//! conditions, every customer the site verifies; otherwise only those who
//! match every condition (the conditions of [`crate::visibility`], on the
//! customer and their companies). Anyone else sees a "no access" screen and
//! no data.

use crate::visibility::{Condition, CustomerFacts, MAX_CONDITIONS, retired_note};
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

    /// Whether this customer may use the portal. A retired condition
    /// matches nobody, so an audience holding one admits nobody.
    pub fn admits(&self, customer: &CustomerFacts<'_>) -> bool {
        self.conditions.iter().all(|c| c.matches(customer))
    }

    /// What an admin must be told when this stored audience names a retired
    /// field (see [`crate::visibility::CustomerField::Retired`]).
    pub fn needs_edit(&self) -> Option<String> {
        retired_note(&self.conditions, "until the audience is edited, nobody may use the portal")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributes::{CompanyAttributes, CustomerAttributes};
    use crate::visibility::CompanyFacts;

    #[test]
    fn everyone_unless_conditions_say_otherwise() {
        let none = CustomerAttributes::default();
        let globex = [CompanyFacts { key: "globex".into(), name: "Globex".into(), ..CompanyFacts::default() }];
        let sam = CustomerFacts { email: "sam@example.com", attributes: &none, companies: &globex };
        let kim = CustomerFacts { email: "kim@other.test", attributes: &none, companies: &[] };
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

    #[test]
    fn a_company_attribute_admits_members_of_a_company_that_has_it() {
        let none = CustomerAttributes::default();
        let company = |key: &str, tier: Option<&str>| CompanyFacts {
            key: key.into(),
            name: key.into(),
            attributes: CompanyAttributes::parse(
                tier.map(|t| ("tier".to_string(), t.to_string())).into_iter().collect(),
            )
            .unwrap(),
        };
        let gold = Condition::parse_line("company.attributes.tier equals gold").unwrap();
        let audience = PortalAudience::new(vec![gold]).unwrap();
        for (companies, admitted) in [
            (vec![company("globex", Some("Gold"))], true),
            (vec![company("initech", Some("silver")), company("globex", Some("gold"))], true),
            (vec![company("initech", Some("silver"))], false),
            (vec![company("umbrella", None)], false),
            (vec![], false),
        ] {
            let customer = CustomerFacts { email: "sam@example.com", attributes: &none, companies: &companies };
            assert_eq!(audience.admits(&customer), admitted, "{companies:?}");
        }
    }

    #[test]
    fn a_stored_audience_naming_the_name_admits_nobody() {
        let none = CustomerAttributes::default();
        let sam = CustomerFacts { email: "sam@example.com", attributes: &none, companies: &[] };
        let stored = r#"{"conditions":[{"attribute":"name","operator":"contains","value":"sam"}]}"#;
        let audience: PortalAudience = serde_json::from_str(stored).unwrap();
        assert!(!audience.admits(&sam));
        let note = audience.needs_edit().unwrap();
        assert!(note.contains("\"name contains sam\"") && note.contains("nobody may use the portal"), "{note}");
        assert_eq!(PortalAudience::default().needs_edit(), None);
        assert!(Condition::parse("name", "contains", "sam").is_err());
    }
}
