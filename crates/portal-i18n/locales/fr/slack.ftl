# Slack: what the portal posts in a workspace's channel (in the
# workspace's default language), and the console's Slack section. Slack's
# own words (Bot User OAuth Token, Signing Secret, Event Subscriptions,
# Interactivity) are the names Slack's app settings show: keep them as
# Slack's pages in that language do.

## Posts in the channel

slack-post-new-ticket = Nouveau ticket n° { $number } : { $title }
slack-post-from = De { $customer }
slack-post-company = Entreprise : { $company }
slack-post-type = Type : { $type }
slack-post-close = Fermer
slack-post-assign-me = Me l’attribuer
slack-post-customer-wrote = { $customer } a écrit :
slack-post-status = Statut : { $status }
slack-post-escalated = Escaladé : { $reason }
slack-post-test = Message de test du portail client : les nouveaux tickets sont publiés dans ce canal.

## The console's Slack section

console-slack-heading = Slack
console-slack-intro = Les nouveaux tickets du portail sont publiés dans un canal ; les agents répondent dans le fil du ticket. Créez une application Slack avec les scopes de bot chat:write, channels:read, groups:read et users:read.email, installez-la, puis invitez-la dans le canal.
console-slack-token = Bot User OAuth Token (xoxb-…)
console-slack-signing-secret = Signing Secret
console-slack-connect = Connecter Slack
console-slack-connected = Slack est connecté. Choisissez le canal où les nouveaux tickets sont publiés.
console-slack-urls = Dans les réglages de l’application, indiquez { $events } pour Event Subscriptions (les événements de bot message.channels et message.groups) et { $interactions } pour Interactivity.
console-slack-channel = Canal
console-slack-no-channel = Aucun canal choisi : rien n’est encore publié.
console-slack-channels-failed = La liste des canaux de Slack n’a pas pu être lue : { $error }
console-slack-note-prefix = Une réponse dans le fil qui commence par ceci est une note interne
console-slack-save = Enregistrer
console-slack-saved = Enregistré.
console-slack-test = Envoyer un message de test
console-slack-test-sent = Le message de test a été publié.
console-slack-test-failed = Slack a refusé le message de test : { $error }
console-slack-disconnect = Déconnecter Slack
console-slack-disconnected = Slack est déconnecté ; les publications en attente sont abandonnées.
console-slack-bad-token = le jeton du bot doit commencer par xoxb- et ne contenir aucun espace.
console-slack-bad-secret = le Signing Secret doit être composé des 32 caractères hexadécimaux qu’affiche Slack.
console-slack-bad-channel = choisissez l’un des canaux du bot.
console-slack-bad-prefix = le préfixe de note doit compter de 1 à 20 caractères, sans espaces.
console-slack-not-connected = Slack n’est pas connecté.
console-slack-member-id = Votre ID de membre Slack (Slack : votre profil, ⋮, Copier l’ID de membre)
console-slack-member-linked = Vos réponses dans les fils Slack sont publiées en votre nom.
console-slack-member-bad = un ID de membre Slack est un U ou un W suivi de lettres et de chiffres.
