# Ticket participants: the customers besides its creator who take part in
# a ticket. What the frame says first, then the console.

## The frame: a company member who reads a ticket without taking part

join-hint = Vous pouvez lire ce ticket parce qu’il appartient à votre entreprise. Rejoignez la conversation pour y répondre.
join-button = Rejoindre la conversation
error-not-participant = Rejoignez cette conversation pour y répondre.

## The console: a ticket's participants

console-participants-title = Participants
console-participants-hint = Les clients, en plus de celui qui a ouvert le ticket, qui y participent : ils le voient dans leur portail et peuvent répondre. Les notes internes leur restent cachées.
console-participants-none = Personne d’autre ne participe encore à ce ticket.
console-participant-how = Ajouté par
console-participant-since = Depuis
console-participant-added-by-agent = Un agent
console-participant-joined = Lui-même, depuis le portail
console-participant-actions = Actions
console-participant-remove = Retirer
console-participant-remove-label = Retirer { $email } des participants
console-participant-email = E-mail du client
console-participant-add = Ajouter un participant
console-participant-add-or-remove = indiquez l’e-mail d’un client à ajouter, ou d’un participant à retirer.
console-participant-added = Ajouté. Ce client voit désormais ce ticket dans son portail et peut répondre.
console-participant-already = Ce client participe déjà à ce ticket ; rien n’a été modifié.
console-participant-removed = Retiré. Ce client ne voit plus ce ticket que si la règle de visibilité le lui montre.
console-participant-was-not = Ce client n’était pas participant ; rien n’a été modifié.
console-store-no-customer = il n’existe pas de client { $email }.
console-store-creator-takes-part = ce client a ouvert le ticket et y participe déjà.
console-store-not-participant = le client doit d’abord rejoindre le ticket.
