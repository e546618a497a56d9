use crate::harness::*;
use portal_core::console::Role;
use portal_core::routing::{Assignee, AssignmentRule, EscalationRule, EscalationTrigger, TicketFilter};
use portal_core::visibility::Condition;
use portal_core::{AgentId, TicketStatus, WorkspaceId};
use portal_store::{NewAgent, NewRule, Store};

const MINUTE: i64 = 60_000;

async fn staff(store: &dyn Store, ws: WorkspaceId, name: &str) -> AgentId {
    let new = NewAgent {
        email: email(&format!("{name}@acme.test")),
        name: name.into(),
        role: Role::Agent,
        password_hash: "$argon2id$x".into(),
    };
    store.create_agent(ws, &new, NOW).await.unwrap().id
}

async fn assignee(store: &dyn Store, ws: WorkspaceId, number: portal_core::TicketNumber) -> Option<AgentId> {
    let scope = agent(store, ws).await;
    store.ticket_assignee(&scope, number).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_matching_rule_assigns_each_new_ticket_taking_turns_past_paused_agents() {
    on_each_backend("assignment_rules", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        store.set_ticket_types(ws.id, &ticket_types(&["Bug", "Question"])).await.unwrap();
        let (ada, bo, cy) =
            (staff(&*store, ws.id, "ada").await, staff(&*store, ws.id, "bo").await, staff(&*store, ws.id, "cy").await);
        let vip = TicketFilter {
            customer: vec![Condition::parse_line("email ends_with @vip.test").unwrap()],
            ..TicketFilter::default()
        };
        let rules = [
            AssignmentRule::new("VIPs to Ada", vip, Assignee::Agent(ada)).unwrap(),
            AssignmentRule::new(
                "Bugs in turn",
                TicketFilter { ticket_type: Some("Bug".into()), ..TicketFilter::default() },
                Assignee::RoundRobin(vec![bo, cy]),
            )
            .unwrap(),
        ];
        for rule in rules {
            store.add_rule(ws.id, &NewRule::Assignment(rule), NOW).await.unwrap();
        }
        let scope = agent(&*store, ws.id).await;
        let open = |email: &str, kind: Option<&str>| {
            let store = store.clone();
            let (scope, new) = (scope.clone(), new_ticket_for(email, "", kind));
            async move { store.agent_create_ticket(&scope, &new, NOW).await.unwrap().number }
        };
        let vip_bug = open("zoe@vip.test", Some("Bug")).await;
        assert_eq!(assignee(&*store, ws.id, vip_bug).await, Some(ada), "the first rule that matches wins");
        let bugs = [
            open("a@x.test", Some("Bug")).await,
            open("b@x.test", Some("Bug")).await,
            open("c@x.test", Some("Bug")).await,
        ];
        let turns: Vec<_> = futures_join(&*store, ws.id, &bugs).await;
        assert_eq!(turns, [Some(bo), Some(cy), Some(bo)], "in turn");
        store.set_agent_paused(ws.id, cy, true, NOW).await.unwrap();
        let next = open("d@x.test", Some("Bug")).await;
        assert_eq!(assignee(&*store, ws.id, next).await, Some(bo), "Cy is paused: skipped");
        let question = open("e@x.test", Some("Question")).await;
        assert_eq!(assignee(&*store, ws.id, question).await, None, "no rule matches");
        // From the portal too.
        let (_, ann) = sign_in(&*store, ws.id, "ann@vip.test").await;
        let mine = customer_ticket(&*store, &ann, "From the portal", NOW).await;
        assert_eq!(assignee(&*store, ws.id, mine).await, Some(ada));

        let globex = workspace(&*store, "globex").await;
        let stranger = AssignmentRule::new("x", TicketFilter::default(), Assignee::Agent(ada)).unwrap();
        assert!(
            store.add_rule(globex.id, &NewRule::Assignment(stranger), NOW).await.is_err(),
            "another workspace's agent"
        );
        let listed = store.routing_rules(ws.id).await.unwrap();
        assert_eq!(
            listed.assignment.iter().map(|(_, r)| r.name.as_str()).collect::<Vec<_>>(),
            ["VIPs to Ada", "Bugs in turn"]
        );
        store.move_rule_up(ws.id, listed.assignment[1].0).await.unwrap();
        let moved = store.routing_rules(ws.id).await.unwrap();
        assert_eq!(moved.assignment[0].1.name, "Bugs in turn");
        assert!(store.move_rule_up(globex.id, listed.assignment[1].0).await.is_err());
        assert!(!store.remove_rule(globex.id, listed.assignment[1].0).await.unwrap());
        assert!(store.remove_rule(ws.id, listed.assignment[1].0).await.unwrap());
    })
    .await;
}

async fn futures_join(
    store: &dyn Store,
    ws: WorkspaceId,
    numbers: &[portal_core::TicketNumber],
) -> Vec<Option<AgentId>> {
    let mut out = Vec::new();
    for number in numbers {
        out.push(assignee(store, ws, *number).await);
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn escalation_rules_fire_once_when_due_by_the_clock_given() {
    on_each_backend("escalation_rules", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let lead = staff(&*store, ws.id, "lead").await;
        let first_reply = EscalationRule::new(
            "No reply in 30 min",
            EscalationTrigger::NoFirstReply(30),
            TicketFilter::default(),
            true,
            Some(lead),
            true,
        )
        .unwrap();
        let waiting = EscalationRule::new(
            "Waiting 2 h",
            EscalationTrigger::CustomerWaiting(120),
            TicketFilter::default(),
            true,
            None,
            false,
        )
        .unwrap();
        store.add_rule(ws.id, &NewRule::Escalation(first_reply), NOW).await.unwrap();
        store.add_rule(ws.id, &NewRule::Escalation(waiting.clone()), NOW).await.unwrap();
        store.connect_slack(ws.id, "xoxb-t", "secret", NOW).await.unwrap();
        store.set_slack_channel(ws.id, "C1", "support").await.unwrap();
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        let scope = agent(&*store, ws.id).await;
        let silent = customer_ticket(&*store, &ann, "Nobody answers", NOW).await;
        let answered = customer_ticket(&*store, &ann, "Answered", NOW).await;
        store.agent_post_message(&scope, answered, &agent_post("On it", false), NOW + 10 * MINUTE).await.unwrap();
        let closed = customer_ticket(&*store, &ann, "Closed", NOW).await;
        store.agent_update_ticket(&scope, closed, Some(TicketStatus::Closed), None, None, NOW).await.unwrap();

        assert!(store.escalate_due(NOW + 29 * MINUTE).await.unwrap().is_empty(), "not yet");
        let fired = store.escalate_due(NOW + 31 * MINUTE).await.unwrap();
        assert_eq!(
            fired.iter().map(|e| (e.ticket_number, e.rule.as_str())).collect::<Vec<_>>(),
            [(silent, "No reply in 30 min")]
        );
        assert_eq!(assignee(&*store, ws.id, silent).await, Some(lead), "reassigned");
        let posts = db.scalar("SELECT COUNT(*) FROM slack_posts WHERE kind = 'escalated'").await;
        assert_eq!(posts, 1, "posted to Slack");
        assert!(store.escalate_due(NOW + 40 * MINUTE).await.unwrap().is_empty(), "once per ticket");
        let filter = portal_store::InboxFilter { escalated: true, ..Default::default() };
        let page = store.find_inbox(&scope, &Default::default(), &filter).await.unwrap();
        assert_eq!(page.page.tickets.iter().map(|t| t.number).collect::<Vec<_>>(), [silent], "the inbox's filter");
        assert!(page.facts[0].escalated, "and badge");

        // The customer wrote last on "Answered"? No: the agent did. Now they write.
        let preview = store.preview_escalation(ws.id, &waiting, NOW + 130 * MINUTE, 10).await.unwrap();
        assert_eq!(preview.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [silent], "the agent answered the other");
        let fired = store.escalate_due(NOW + 130 * MINUTE).await.unwrap();
        assert_eq!(
            fired.iter().map(|e| (e.ticket_number, e.rule.as_str())).collect::<Vec<_>>(),
            [(silent, "Waiting 2 h")]
        );
    })
    .await;
}

/// Two instances sweeping at once on the same database fire each
/// escalation once.
#[tokio::test(flavor = "multi_thread")]
async fn two_sweeps_at_once_fire_each_escalation_once() {
    on_each_backend("two_sweeps_at_once", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let rule =
            EscalationRule::new("Slow", EscalationTrigger::NoFirstReply(5), TicketFilter::default(), true, None, false)
                .unwrap();
        store.add_rule(ws.id, &NewRule::Escalation(rule), NOW).await.unwrap();
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        for i in 0..20 {
            customer_ticket(&*store, &ann, &format!("Ticket {i}"), NOW).await;
        }
        let sweep = |store: std::sync::Arc<dyn Store>| async move {
            store.escalate_due(NOW + 10 * MINUTE).await.unwrap().len()
        };
        let (a, b) = tokio::join!(tokio::spawn(sweep(store.clone())), tokio::spawn(sweep(store.clone())));
        assert_eq!(a.unwrap() + b.unwrap(), 20, "each ticket escalated once");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM ticket_escalations").await, 20);
    })
    .await;
}

/// With business hours, a wait counts working minutes only: a ticket
/// opened on a Tuesday night escalates on Wednesday morning, not at night.
#[tokio::test(flavor = "multi_thread")]
async fn business_hours_hold_escalations_until_the_team_works() {
    on_each_backend("escalation_business_hours", |db| async move {
        use portal_core::routing::BusinessHours;
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        // NOW is Tuesday 2023-11-14, 22:13 UTC.
        let hours = BusinessHours::new("UTC", [true, true, true, true, true, false, false], 9 * 60, 17 * 60).unwrap();
        store.set_business_hours(ws.id, Some(&hours)).await.unwrap();
        assert_eq!(store.routing_rules(ws.id).await.unwrap().business_hours, Some(hours));
        let rule = EscalationRule::new(
            "Slow",
            EscalationTrigger::NoFirstReply(30),
            TicketFilter::default(),
            true,
            None,
            false,
        )
        .unwrap();
        store.add_rule(ws.id, &NewRule::Escalation(rule.clone()), NOW).await.unwrap();
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        let late = customer_ticket(&*store, &ann, "Late at night", NOW).await;
        assert!(store.escalate_due(NOW + 31 * MINUTE).await.unwrap().is_empty(), "after hours");
        assert!(store.escalate_due(NOW + 600 * MINUTE).await.unwrap().is_empty(), "08:13 on Wednesday: not open yet");
        assert!(store.preview_escalation(ws.id, &rule, NOW + 600 * MINUTE, 10).await.unwrap().is_empty());
        let fired = store.escalate_due(NOW + 700 * MINUTE).await.unwrap();
        assert_eq!(fired.iter().map(|e| e.ticket_number).collect::<Vec<_>>(), [late], "09:53: 53 working minutes");
        store.set_business_hours(ws.id, None).await.unwrap();
        assert_eq!(store.routing_rules(ws.id).await.unwrap().business_hours, None);
    })
    .await;
}
