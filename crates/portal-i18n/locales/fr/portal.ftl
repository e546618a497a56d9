# What customers read: the frame (and the standalone portal and e-mails as
# they come). Arguments: $n is a number already written in the language's
# digits; $count the same number, for choosing a plural form.

## The frame around the pages

page-title = Assistance
frame-loading = Chargement…
frame-waiting = Connectez-vous sur le site pour voir vos tickets.
frame-not-embedded = Ce portail d’assistance s’ouvre dans le site web de l’entreprise.
frame-verifying = Vérification de votre identité…
frame-signed-out = Vous êtes déconnecté.
frame-signed-in-as = Connecté en tant que
frame-no-page = Cette page n’existe pas.

## The ticket list

list-tab-all = Tous
list-tab-mine = Créés par moi
new-ticket = Nouveau ticket
list-search = Rechercher des tickets
list-search-button = Rechercher
list-sort = Trier
list-filters = Filtres
list-any = Tous
list-created-by = Créé par
list-email = e-mail
list-apply = Appliquer
list-range-created = Date de création
list-range-created-from = Créé à partir du
list-range-created-to = Créé jusqu’au
list-range-updated = Date de mise à jour
list-range-updated-from = Mis à jour à partir du
list-range-updated-to = Mis à jour jusqu’au
list-range-to = au
list-clear = Effacer la recherche et les filtres
list-no-more = Aucun autre ticket.
list-no-match = Aucun ticket ne correspond.
list-none-yet = Vous n’avez encore aucun ticket.
list-preview = Aperçu
list-first-page = ← Première page
list-next-page = Page suivante →
list-tabs-label = Quels tickets
list-pages-label = Pages

sort-relevance = Pertinence
sort-updated-descending = Dernière mise à jour, plus récents d’abord
sort-updated-ascending = Dernière mise à jour, plus anciens d’abord
sort-created-descending = Création, plus récents d’abord
sort-created-ascending = Création, plus anciens d’abord
sort-number-descending = Numéro, décroissant
sort-number-ascending = Numéro, croissant
sort-type-ascending = Type, de A à Z
sort-type-descending = Type, de Z à A
sort-state-ascending = Statut, ouverts d’abord
sort-state-descending = Statut, fermés d’abord

## A ticket

ticket-number = N°
ticket-title = Titre
ticket-type = Type
ticket-state = Statut
ticket-channel = Canal
ticket-created = Créé le
ticket-updated = Dernière mise à jour
status-open = Ouvert
status-in_progress = En cours
status-on_hold = En attente
status-closed = Fermé
author-customer = Client
author-agent = Assistance
back-to-list = ← Tous les tickets

## Replying and opening tickets

reply-label = Réponse
reply-send = Envoyer
reply-sending = Envoi en cours…
reply-sent = Envoyée
reply-not-sent = Non envoyée
reply-retry = Réessayer
reply-closed = Ce ticket est fermé. Pour toute nouvelle demande,
reply-closed-open-new = ouvrez un nouveau ticket.
reply-closed-reopens = Ce ticket est fermé. Si vous y répondez, il sera rouvert.
reply-reopen = Rouvrir
new-ticket-description = Comment pouvons-nous vous aider ?
new-ticket-create = Créer le ticket

## Files

files-attach = Joindre des fichiers
files-hint = { $count ->
        [one] { $count } fichier de { $size } maximum : { $kinds }
       *[other] Jusqu’à { $count } fichiers de { $size } maximum chacun : { $kinds }
    }
files-remove = Retirer
files-uploading = { $name } — envoi en cours…

## What screen readers hear when a page changes by itself

live-new-message = Nouveau message de { $name }
live-ticket-changed = Ce ticket a été mis à jour.
live-list-changed = Vos tickets ont été mis à jour.

## Times and sizes

time-now = à l’instant
time-now-short = maintenant
time-minutes-ago = il y a { $n } min
time-hours-ago = il y a { $n } h
time-days-ago = il y a { $n } j
time-minutes-short = { $n } min
time-hours-short = { $n } h
time-days-short = { $n } j
time-utc = { $time } UTC
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## What went wrong, as the frame says it

error-not-verified = Nous n’avons pas pu vérifier votre identité. Veuillez vous reconnecter sur le site.
error-token-malformed = Le site a envoyé un jeton de connexion qui n’est pas un JWT valide. Veuillez vous reconnecter sur le site.
error-token-algorithm = Le jeton de connexion du site doit être signé avec HS256. Veuillez vous reconnecter sur le site.
error-token-claim = Le jeton de connexion du site n’a pas de revendication « { $name } » valide. Veuillez vous reconnecter sur le site.
error-token-audience = Ce jeton de connexion est destiné à un autre portail d’assistance. Veuillez vous reconnecter sur le site.
error-token-future = Ce jeton de connexion est daté dans le futur ; l’horloge du site est peut-être fausse. Veuillez vous reconnecter sur le site.
error-token-too-long = Ce jeton de connexion est valable plus de 10 minutes, ce que ce portail d’assistance n’accepte pas. Veuillez vous reconnecter sur le site.
error-token-expired = Votre jeton de connexion a expiré. Veuillez vous reconnecter sur le site.
error-token-replayed = Ce jeton de connexion a déjà été utilisé. Veuillez vous reconnecter sur le site.
error-token-required = Ce portail d’assistance n’accepte que des jetons de connexion signés (JWT). Veuillez vous reconnecter sur le site.
error-session-ended = Votre session a expiré. Veuillez vous reconnecter sur le site.
error-unknown-workspace = Ce portail d’assistance n’existe pas.
error-not-enabled = Ce portail d’assistance n’est pas encore activé.
error-not-found = Ce ticket n’existe pas.
error-page-not-found = Cette page n’existe pas.
error-ticket-closed = Ce ticket est fermé, et les tickets fermés ne peuvent pas être rouverts ici. Veuillez ouvrir un nouveau ticket.
error-key-reused = Cette réponse a déjà été envoyée avec un autre texte. Rechargez la page pour la voir, ou envoyez-la de nouveau comme nouvelle réponse.
error-origin-not-allowed = Ce site n’est pas autorisé à afficher le portail d’assistance.
error-no-access = Vous n’avez pas accès à ce portail d’assistance. Si vous pensez que c’est une erreur, veuillez contacter l’entreprise.
error-rate-limited = Vous envoyez plus vite que ce portail d’assistance ne le permet. Veuillez réessayer dans { $seconds ->
        [one] une seconde
       *[other] { $seconds } secondes
    }.
error-storage-full = Ce portail d’assistance n’a plus de place pour de nouveaux fichiers. Veuillez envoyer votre message sans fichiers ou contacter l’entreprise.
error-unavailable = Le portail d’assistance est temporairement indisponible. Veuillez réessayer dans quelques instants.
error-internal = Une erreur s’est produite de notre côté. Veuillez réessayer.
error-network = Impossible de joindre le portail d’assistance. Vérifiez votre connexion et réessayez.
error-malformed = La requête est mal formée.

## Which company a new ticket is for

new-ticket-company = Entreprise
new-ticket-choose-company = Choisissez l'entreprise concernée par ce ticket.

## The customer's account and the standalone portal

error-code-used = Ce lien de connexion a expiré ou a déjà été utilisé. Rouvrez le portail depuis le site.
frame-open-new-tab = Ouvrir dans un nouvel onglet
frame-sign-out = Se déconnecter
account-signed-out-everywhere = Vous êtes déconnecté partout.
account-link = Votre compte
account-title = Votre compte
account-sessions = Où vous êtes connecté
account-when = Quand
account-where = Où
account-origin = Site
account-browser = Navigateur
account-state = État
account-event = Quoi
account-session-live = Connecté
account-session-ended = Terminée
account-embedded = Sur le site de l'entreprise
account-standalone = Portail d'assistance
account-sign-out-everywhere = Se déconnecter partout
account-data = Vos données
account-data-hint = Votre profil, les tickets que vous avez ouverts avec leurs messages publics, et la liste de leurs fichiers.
account-download-json = Télécharger mes données (JSON)
account-download-files = Télécharger mes données avec les fichiers (zip)
account-log = Journal d'accès
account-event-signed-in = Connexion
account-event-refused = Connexion refusée
account-event-exported = Données téléchargées
account-event-signed-out-everywhere = Déconnexion partout
standalone-sign-in-from-site = Pour voir vos tickets, connectez-vous sur le site de l'entreprise et ouvrez le portail d'assistance depuis celui-ci.
standalone-sign-in-again = Se reconnecter
standalone-cross-site = Cette requête ne provient pas des pages du portail d'assistance : rien n'a été fait.

## Email to customers

mail-reply-subject = Nouvelle réponse à votre ticket n° { $number } : { $title }
mail-reply-intro = { $author } a répondu à votre ticket n° { $number } :
mail-reply-open = Ouvrir le ticket
mail-reply-footer = Vous recevez cet e-mail car vous avez un ticket d'assistance chez { $workspace }.
mail-unsubscribe = Se désabonner
mail-unsubscribe-ask = Ne plus recevoir d'e-mail quand quelqu'un répond à vos tickets ? Vous pourrez le réactiver dans votre compte.
mail-unsubscribed = C'est fait : vous ne recevrez plus d'e-mail sur les réponses à vos tickets.
mail-unsubscribe-unknown = Ce lien de désabonnement n'est pas valide.
account-email = E-mail
account-email-on = Vous recevez un e-mail quand quelqu'un répond à vos tickets.
account-email-off = Vous ne recevez pas d'e-mail quand quelqu'un répond à vos tickets.
account-email-turn-off = Désactiver les e-mails
account-email-turn-on = Activer les e-mails

# Email sign-in (standalone portal)
email-sign-in-intro = Saisissez votre adresse e-mail et nous vous enverrons un code pour vous connecter.
email-sign-in-email = Adresse e-mail
email-sign-in-send = M'envoyer un code
email-sign-in-sent = Si { $email } peut utiliser ce portail, un code y est en route. Il fonctionne une fois, pendant 15 minutes.
email-sign-in-code = Code reçu par e-mail
email-sign-in-submit = Se connecter
email-sign-in-wrong = Ce code est incorrect ou a expiré. Vérifiez le dernier e-mail, ou demandez un nouveau code.
email-sign-in-new-code = Envoyer un nouveau code
email-sign-in-site = Se connecter plutôt sur le site de l'entreprise
email-sign-in-link-used = Ce lien de connexion a déjà servi ou a expiré. Demandez un nouveau code.
email-sign-in-bad-email = Ce n'est pas une adresse e-mail.
email-sign-in-wait = Trop de codes ont été demandés. Réessayez dans quelques minutes.
mail-sign-in-subject = Votre code de connexion pour { $workspace }
mail-sign-in-intro = Saisissez ce code sur la page de connexion. Il fonctionne une fois, pendant 15 minutes :
mail-sign-in-open = Ou connectez-vous avec ce lien
mail-sign-in-ignore = Si vous n'avez pas demandé à vous connecter, ignorez cet e-mail.
