# Ticket participants: the customers besides its creator who take part in
# a ticket. What the frame says first, then the console.

## The frame: a company member who reads a ticket without taking part

join-hint = Sie können dieses Ticket lesen, weil es zu Ihrem Unternehmen gehört. Treten Sie der Unterhaltung bei, um zu antworten.
join-button = Unterhaltung beitreten
error-not-participant = Treten Sie dieser Unterhaltung bei, um darauf zu antworten.

## The console: a ticket's participants

console-participants-title = Beteiligte
console-participants-hint = Kunden, die außer dem Ersteller an diesem Ticket beteiligt sind: Sie sehen es in ihrem Portal und dürfen antworten. Interne Notizen bleiben für sie verborgen.
console-participants-none = Noch ist niemand sonst an diesem Ticket beteiligt.
console-participant-how = Hinzugefügt von
console-participant-since = Seit
console-participant-added-by-agent = Einem Agenten
console-participant-joined = Selbst, über das Portal
console-participant-actions = Aktionen
console-participant-remove = Entfernen
console-participant-remove-label = { $email } aus den Beteiligten entfernen
console-participant-email = E-Mail des Kunden
console-participant-add = Beteiligten hinzufügen
console-participant-add-or-remove = geben Sie die E-Mail eines Kunden zum Hinzufügen oder eines Beteiligten zum Entfernen an.
console-participant-added = Hinzugefügt. Der Kunde sieht dieses Ticket jetzt in seinem Portal und darf antworten.
console-participant-already = Der Kunde ist bereits an diesem Ticket beteiligt; nichts wurde geändert.
console-participant-removed = Entfernt. Der Kunde sieht dieses Ticket jetzt nur noch, wenn die Sichtbarkeitsregel es ihm zeigt.
console-participant-was-not = Der Kunde war nicht beteiligt; nichts wurde geändert.
console-store-no-customer = es gibt keinen Kunden { $email }.
console-store-creator-takes-part = dieser Kunde hat das Ticket erstellt und ist bereits daran beteiligt.
console-store-not-participant = der Kunde muss dem Ticket zuerst beitreten.
