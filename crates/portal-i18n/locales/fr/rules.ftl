# The console's Rules page: assignment and escalation rules, and the
# inbox's escalation filter and badge.

console-nav-rules = Règles
console-rules-title = Règles
console-escalated-badge = Escaladé
console-inbox-escalated = Escaladés uniquement

## Assignment

console-rules-assignment-heading = Attribution
console-rules-assignment-intro = Quand un ticket est ouvert (depuis le portail, l’API ou par e-mail), la première règle qui lui correspond l’attribue.
console-rules-none = Aucune règle pour l’instant.
console-rules-col-name = Règle
console-rules-col-when = Quand
console-rules-col-then = Alors
console-rules-any-ticket = tout ticket
console-rules-up = Monter
console-rules-remove = Supprimer
console-rules-preview = Aperçu
console-rules-add = Ajouter une règle
console-rules-name = Nom
console-rules-type = Type de ticket
console-rules-any-type = Tous les types
console-rules-company = Clé d’entreprise (vide : toutes)
console-rules-channel = Canal
console-rules-any-channel = Tous les canaux
console-rules-customer = Conditions sur le client, une par ligne (comme pour l’audience)
console-rules-assign-to = Attribuer à
console-rules-round-robin = Ou à tour de rôle entre (les comptes suspendus sont ignorés)
console-rules-assign-agent = Attribuer à { $agent }
console-rules-assign-turns = Attribuer à tour de rôle à { $agents }
console-rules-matches = Parmi les derniers tickets, { $count ->
    [0] aucun n’aurait correspondu.
    [one] un seul aurait correspondu :
    [many] { $count } auraient correspondu :
   *[other] { $count } auraient correspondu :
}

## Escalation

console-rules-escalation-heading = Escalade
console-rules-escalation-intro = Les règles sont vérifiées toutes les quelques secondes ; chacune se déclenche une seule fois par ticket.
console-rules-trigger = Quand
console-rules-no-first-reply = Aucune réponse d’un agent sous (minutes)
console-rules-customer-waiting = Le client attend depuis (minutes)
console-rules-minutes = Minutes
console-rules-mark = Marquer comme escaladé
console-rules-reassign = Réattribuer à
console-rules-no-reassign = Personne (conserver)
console-rules-post-to-slack = Publier dans Slack
console-rules-when-no-reply = aucune réponse d’un agent sous { $minutes } min
console-rules-when-waiting = le client a attendu { $minutes } min
console-rules-then-mark = marquer comme escaladé
console-rules-then-reassign = réattribuer à { $agent }
console-rules-then-slack = publier dans Slack
console-rules-due-now = À déclencher maintenant : { $count ->
    [0] aucun ticket.
    [one] un ticket :
    [many] { $count } de tickets :
   *[other] { $count } tickets :
}

## Results

console-rules-added = La règle a été ajoutée.
console-rules-removed = La règle a été supprimée.
console-rules-moved = La règle a été montée d’un cran.
console-rules-no-such = cette règle n’existe pas.
console-rules-no-agent = choisissez un agent, ou des agents à tour de rôle.
console-rules-bad-minutes = l’attente doit être un nombre entier de minutes, de 1 à 86400.

## Business hours

console-hours-heading = Horaires d’ouverture
console-hours-intro = Les attentes d’escalade ne comptent que pendant ces horaires, dans le fuseau horaire de l’espace de travail. Sans horaires, chaque minute compte.
console-hours-none = Non définis : chaque minute compte.
console-hours-zone = Fuseau horaire (par exemple Europe/Berlin)
console-hours-days = Jours
console-hours-opens = Ouverture
console-hours-closes = Fermeture
console-hours-save = Enregistrer les horaires
console-hours-clear = Compter chaque minute
console-hours-saved = Les horaires d’ouverture ont été enregistrés.
console-hours-cleared = Chaque minute compte de nouveau.
console-day-mon = lundi
console-day-tue = mardi
console-day-wed = mercredi
console-day-thu = jeudi
console-day-fri = vendredi
console-day-sat = samedi
console-day-sun = dimanche

## Why a rule was refused

console-rules-bad-name = une règle doit avoir un nom de 100 caractères au plus.
console-rules-empty-group = choisissez au moins un agent pour l’attribution à tour de rôle.
console-rules-no-action = une règle d’escalade doit faire quelque chose : marquer comme escaladé, réattribuer ou publier dans Slack.
console-rules-customer-filter = une règle d’escalade ne filtre que sur le type de ticket et l’entreprise.
console-rules-bad-channel = le canal doit être portal, api ou email.
console-hours-bad-zone = { $zone } n’est pas un fuseau horaire : utilisez un nom comme Europe/Berlin.
console-hours-bad-hours = choisissez au moins un jour, et une ouverture avant la fermeture.
