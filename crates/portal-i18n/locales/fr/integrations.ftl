# The console's Integrations page: webhooks, Slack, and the rules that
# route and escalate tickets. Event type names (ticket.created, ...) are
# identifiers: they stay in English.

console-nav-integrations = Intégrations
console-integrations-title = Intégrations

## Webhooks

console-webhooks-heading = Webhooks
console-webhooks-intro = Chaque point de terminaison reçoit une requête JSON signée quand un ticket, un message ou un client change. Consultez la documentation pour vérifier la signature.
console-webhooks-none = Aucun point de terminaison pour l’instant.
console-webhooks-col-url = URL
console-webhooks-col-events = Événements
console-webhooks-col-state = Statut
console-webhooks-enabled = Activé
console-webhooks-failing = En échec depuis le { $since }
console-webhooks-disabled = Désactivé : { $reason }
console-webhooks-disabled-alert = Le webhook vers { $url } a été désactivé : { $reason }. Réactivez-le une fois le point de terminaison rétabli ; les envois en attente partiront alors.
console-webhooks-log = Envois
console-webhooks-enable = Activer
console-webhooks-disable = Désactiver
console-webhooks-rotate = Nouveau secret
console-webhooks-remove = Supprimer
console-webhooks-add-heading = Ajouter un point de terminaison
console-webhooks-url = URL (https://)
console-webhooks-events = Événements
console-webhooks-event-ticket-created = Un ticket a été ouvert
console-webhooks-event-ticket-updated = Le statut ou les participants d’un ticket ont changé
console-webhooks-event-message-created = Un message a été écrit
console-webhooks-event-customer-created = Un client a été vu pour la première fois
console-webhooks-include-notes = Envoyer aussi les notes internes des agents
console-webhooks-add = Ajouter le point de terminaison
console-webhooks-added = Ajouté. Son secret, affiché uniquement maintenant : { $secret }
console-webhooks-rotated = L’ancien secret ne signe plus rien. Le nouveau, affiché uniquement maintenant : { $secret }
console-webhooks-now-enabled = Activé. Les envois en attente partent maintenant.
console-webhooks-now-disabled = Désactivé. Rien n’est enregistré pour lui tant qu’il n’est pas réactivé.
console-webhooks-removed = Supprimé, avec son journal d’envois.
console-webhooks-no-such = ce point de terminaison n’existe pas.
console-webhooks-bad-url = l’URL doit être une adresse https:// sans nom d’utilisateur, de 2000 caractères au plus.
console-webhooks-private-url = l’URL se trouve dans un réseau privé, de bouclage ou local au lien, vers lequel ce serveur n’envoie rien.
console-webhooks-no-events = choisissez au moins un événement.
console-webhooks-back = ← Intégrations
console-webhooks-log-title = Envois vers { $url }
console-webhooks-log-none = Rien n’a encore été envoyé à ce point de terminaison.
console-webhooks-col-event = Événement
console-webhooks-col-ticket = Ticket
console-webhooks-col-when = Quand
console-webhooks-col-attempts = Tentatives
console-webhooks-col-answer = Réponse
console-webhooks-state-pending = En attente
console-webhooks-state-delivered = Remis
console-webhooks-state-failed = Échec
console-webhooks-redeliver = Renvoyer
console-webhooks-redelivered = Il est renvoyé d’ici quelques secondes, avec le même identifiant d’événement.
