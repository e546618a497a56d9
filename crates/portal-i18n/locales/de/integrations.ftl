# The console's Integrations page: webhooks, Slack, and the rules that
# route and escalate tickets. Event type names (ticket.created, ...) are
# identifiers: they stay in English.

console-nav-integrations = Integrationen
console-integrations-title = Integrationen

## Webhooks

console-webhooks-heading = Webhooks
console-webhooks-intro = Jeder Endpunkt erhält eine signierte JSON-Anfrage, wenn sich ein Ticket, eine Nachricht oder ein Kunde ändert. Wie Sie die Signatur prüfen, steht in der Dokumentation.
console-webhooks-none = Noch keine Endpunkte.
console-webhooks-col-url = URL
console-webhooks-col-events = Ereignisse
console-webhooks-col-state = Status
console-webhooks-enabled = Aktiviert
console-webhooks-failing = Fehlschläge seit { $since }
console-webhooks-disabled = Deaktiviert: { $reason }
console-webhooks-disabled-alert = Der Webhook an { $url } wurde deaktiviert: { $reason }. Aktivieren Sie ihn wieder, sobald der Endpunkt funktioniert; wartende Zustellungen werden dann gesendet.
console-webhooks-log = Zustellungen
console-webhooks-enable = Aktivieren
console-webhooks-disable = Deaktivieren
console-webhooks-rotate = Neues Geheimnis
console-webhooks-remove = Entfernen
console-webhooks-add-heading = Endpunkt hinzufügen
console-webhooks-url = URL (https://)
console-webhooks-events = Ereignisse
console-webhooks-event-ticket-created = Ein Ticket wurde eröffnet
console-webhooks-event-ticket-updated = Status oder Beteiligte eines Tickets haben sich geändert
console-webhooks-event-message-created = Eine Nachricht wurde geschrieben
console-webhooks-event-customer-created = Ein Kunde wurde zum ersten Mal gesehen
console-webhooks-include-notes = Auch interne Notizen der Agenten senden
console-webhooks-add = Endpunkt hinzufügen
console-webhooks-added = Hinzugefügt. Sein Geheimnis, nur jetzt angezeigt: { $secret }
console-webhooks-rotated = Das alte Geheimnis signiert nichts mehr. Das neue, nur jetzt angezeigt: { $secret }
console-webhooks-now-enabled = Aktiviert. Wartende Zustellungen werden jetzt gesendet.
console-webhooks-now-disabled = Deaktiviert. Bis er wieder aktiviert ist, wird für ihn nichts aufgezeichnet.
console-webhooks-removed = Entfernt, samt seinem Zustellprotokoll.
console-webhooks-no-such = diesen Endpunkt gibt es nicht.
console-webhooks-bad-url = die URL muss eine https://-Adresse ohne Benutzernamen sein, höchstens 2000 Zeichen.
console-webhooks-private-url = die URL liegt in einem privaten, Loopback- oder Link-Local-Netz, an das dieser Server nicht sendet.
console-webhooks-no-events = wählen Sie mindestens ein Ereignis.
console-webhooks-back = ← Integrationen
console-webhooks-log-title = Zustellungen an { $url }
console-webhooks-log-none = An diesen Endpunkt wurde noch nichts gesendet.
console-webhooks-col-event = Ereignis
console-webhooks-col-ticket = Ticket
console-webhooks-col-when = Wann
console-webhooks-col-attempts = Versuche
console-webhooks-col-answer = Antwort
console-webhooks-state-pending = Wartend
console-webhooks-state-delivered = Zugestellt
console-webhooks-state-failed = Fehlgeschlagen
console-webhooks-redeliver = Erneut senden
console-webhooks-redelivered = Die Zustellung wird innerhalb von Sekunden erneut gesendet, unter derselben Ereignis-ID.
