# What agents and admins read: the console. A reason ($reason, and the
# messages that say why something was refused) is a clause that follows a
# lead such as "Nothing was changed:" and ends with its own full stop.
# Arguments: $count and $minutes are numbers (they choose plural forms);
# $n, $matching, $customers and $percent are numbers already written in the
# language's digits.

## The frame of every page

console-brand = Console du support
console-page-title = { $page } · Console du support
console-nav-inbox = Boîte de réception
console-nav-customers = Clients
console-nav-companies = Entreprises
console-nav-settings = Réglages du portail
console-nav-embed = Code d’intégration
console-nav-accounts = Comptes
console-nav-your-account = Votre compte
console-nav-who = { $name } ({ $role })
console-sign-out = Se déconnecter
console-role-admin = admin
console-role-agent = agent
console-problem-title = Impossible
console-save = Enregistrer
console-saved = Enregistré.
console-next-page = Page suivante
console-nobody = Personne
console-none = Aucune
console-list-and = { $first } et { $second }

## Words shared by tables and forms

console-col-title = Titre
console-col-state = Statut
console-col-type = Type
console-col-customer = Client
console-col-company = Entreprise
console-col-assignee = Responsable
console-col-updated = Mis à jour
console-col-email = E-mail
console-col-name = Nom
console-col-companies = Entreprises
console-col-tickets = Tickets
console-col-access = Accès
console-col-key = Clé
console-col-members = Membres
console-col-role = Rôle
console-col-since = Depuis

## Leads before a reason

console-nothing-changed = Rien n’a été modifié : { $reason }
console-nothing-sent = Rien n’a été envoyé : { $reason }
console-nothing-to-open = Rien à ouvrir : { $reason }
console-inbox-refused = Cette liste ne peut pas être affichée : { $reason }

## Signing in

console-sign-in = Se connecter
console-login-workspace = Espace de travail
console-login-email = E-mail
console-login-password = Mot de passe
console-sign-in-wrong = L’espace de travail, l’e-mail ou le mot de passe est incorrect.
console-sign-in-paused = Ce compte est suspendu ; un admin de l’espace de travail peut le réactiver.
console-sign-in-held = Trop de connexions échouées depuis cet endroit. Réessayez dans { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
console-busy = De nombreux mots de passe sont en cours de vérification. Veuillez réessayer dans quelques secondes.
console-unavailable = La console est temporairement indisponible.
console-cross-site = Ce formulaire doit être envoyé depuis les pages de la console.
console-admins-only = Seuls les admins peuvent ouvrir cette page.

## What the store refused or could not do

console-store-no-company = il n’existe pas d’entreprise { $key }.
console-store-key-reused = ce message a déjà été envoyé avec un autre texte.
console-store-ticket-closed = le ticket est fermé.
console-store-not-found = cela n’existe pas.
console-store-unavailable = la base de données est indisponible pour le moment ; rien n’a été modifié.
console-store-failed = une erreur s’est produite sur le serveur (son journal en donne la cause) ; rien n’a été modifié.
console-workspace-gone = Cet espace de travail n’existe plus.
console-no-such-action = l’action « { $action } » n’existe pas.

## The inbox

console-inbox-title = Boîte de réception
console-inbox-search = Rechercher des tickets
console-inbox-any-state = Tous les statuts
console-inbox-any-type = Tous les types
console-inbox-anyone = Tout le monde
console-inbox-me = Moi
console-inbox-company-key = Clé d’entreprise
console-inbox-sort = Ordre
console-inbox-default-order = Ordre par défaut
console-inbox-show = Afficher
console-inbox-empty = Aucun ticket ne correspond.
console-inbox-no-such-account = il n’existe pas de compte « { $id } » à filtrer.
console-preview-author = { $author } :

## A ticket

console-ticket-title = Ticket n° { $number }
console-ticket-gone = Ce ticket n’existe pas.
console-back-to-inbox = ← Boîte de réception
console-ticket-opened = Ouvert le
console-ticket-channel = Canal
console-internal-note = Note interne
console-author-customer = client
console-author-agent = agent
console-composer-placeholder = Rédigez une réponse, ou une note que seuls les agents voient
console-composer-reply = Répondre au client
console-composer-note = Ajouter une note interne
console-composer-choose = Choisissez de répondre ou d’ajouter une note.
console-ticket-no-state = le statut « { $state } » n’existe pas.
console-ticket-no-account = il n’existe pas de compte { $id } ici.

## Customers

console-customers-title = Clients
console-customers-search = E-mail ou nom
console-customers-find = Rechercher
console-customers-active = actif
console-customers-disabled = désactivé
console-customers-outside = hors de l’audience
console-customer-title = Client
console-customer-gone = Ce client n’existe pas.
console-back-to-customers = ← Clients
console-customer-access-active = Actif
console-customer-access-disabled = Désactivé
console-customer-access-outside = Hors de l’audience du portail
console-customer-attributes = Attributs (clé = valeur, un par ligne)
console-customer-companies = Entreprises (clés, séparées par des virgules)
console-customer-enable = Activer ce client
console-customer-disable = Désactiver ce client (met fin à ses sessions immédiatement)
console-customer-write-key-value = « { $line } » : écrivez clé = valeur.
console-customer-saved = Enregistré ; la règle de visibilité et l’audience sont appliquées à nouveau.
console-customer-choose-access = Choisissez d’activer ou de désactiver.
console-customer-disabled = Désactivé : ses sessions ont pris fin.
console-customer-enabled = Activé.

## Companies

console-companies-title = Entreprises
console-companies-key-example = exemple-sarl
console-companies-name-example = Exemple SARL
console-companies-save = Ajouter ou renommer
console-companies-saved = Entreprise { $key } enregistrée.
console-company-title = Entreprise
console-company-gone = Cette entreprise n’existe pas.
console-back-to-companies = ← Entreprises
console-company-remove = Retirer
console-company-member-email = E-mail du client
console-company-add-member = Ajouter un membre
console-company-no-customer = il n’existe pas de client { $email }.
console-company-add-or-remove = indiquez un e-mail à ajouter ou un membre à retirer.
console-company-no-such-customer = ce client n’existe pas.
console-company-added = Ajouté. La règle de visibilité et l’audience sont appliquées à nouveau.
console-company-removed = Retiré. La règle de visibilité et l’audience sont appliquées à nouveau.

## Accounts

console-accounts-title = Comptes
console-accounts-save-role = Enregistrer le rôle
console-accounts-pause = Suspendre
console-accounts-resume = Réactiver
console-accounts-remove = Supprimer
console-accounts-paused-role = { $role } (suspendu)
console-accounts-add-heading = Ajouter un compte
console-accounts-name = Nom que les clients voient sur les réponses
console-accounts-password = Mot de passe (vide : il est généré et affiché une seule fois)
console-accounts-add = Ajouter le compte
console-accounts-added-generated = { $email } peut se connecter avec le mot de passe { $password } (affiché une seule fois).
console-accounts-added-chosen = { $email } peut se connecter avec le mot de passe que vous avez choisi.
console-accounts-not-hashed = le mot de passe n’a pas pu être haché.
console-accounts-no-such-account = ce compte n’existe pas.
console-accounts-not-yourself = c’est un autre admin qui modifie ou supprime votre propre compte.
console-accounts-now-admin = Le compte est désormais admin.
console-accounts-now-agent = Le compte est désormais agent.
console-accounts-paused = Le compte est suspendu ; ses connexions ont pris fin.
console-accounts-resumed = Le compte est réactivé : il peut de nouveau se connecter.
console-accounts-removed = Le compte est supprimé ; ses connexions ont pris fin.

## Your account

console-account-name = Votre nom, tel que les clients le voient sur vos réponses
console-account-save-name = Enregistrer le nom
console-account-current-password = Mot de passe actuel
console-account-new-password = Nouveau mot de passe ({ $min } caractères ou plus)
console-account-change-password = Changer le mot de passe
console-account-gone = Ce compte n’existe plus.
console-account-password-held = trop de mots de passe actuels erronés. Réessayez dans { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
console-account-wrong-password = le mot de passe actuel est incorrect.
console-account-password-changed = Votre mot de passe est modifié ; vos autres connexions ont pris fin.
console-account-name-saved = Votre nom est enregistré ; vos prochaines réponses le porteront.

## Why a console value was refused

console-error-role = le rôle doit être admin ou agent, et non « { $role } ».
console-error-password-length = le mot de passe doit compter de { $min } à { $max } caractères.
console-error-brand-color = la couleur de marque doit être une couleur hexadécimale comme #3b5bdb.
console-error-logo-url = l’URL du logo doit être une adresse https:// (http:// seulement sur localhost) sans espaces ni guillemets, de { $max } caractères au plus.
console-error-theme = le thème doit être auto, light ou dark.
console-error-greeting = le message d’accueil doit compter { $max } caractères au plus, sur une seule ligne.
console-error-agent-name = le nom affiché doit compter de 1 à { $max } caractères, sans caractères de contrôle.
console-error-translation-too-long = la traduction « { $text } » dépasse { $max } caractères.
console-error-translation-control = la traduction « { $text } » contient des caractères de contrôle.

## Portal settings

console-settings-lead = Les modifications atteignent le portail intégré à son prochain chargement ; les pages du site restent inchangées.
console-settings-no-section = le réglage « { $section } » n’existe pas.
console-settings-look = Message d’accueil et apparence
console-settings-greeting = Message d’accueil
console-settings-brand-color = Couleur de marque
console-settings-logo = URL du logo (https)
console-settings-theme = Thème
console-theme-auto = automatique
console-theme-light = clair
console-theme-dark = sombre
console-settings-save-look = Enregistrer l’apparence
console-settings-look-saved = Le message d’accueil et l’apparence sont enregistrés ; le portail les affiche à son prochain chargement.
console-settings-origins = Origines d’intégration autorisées
console-settings-origins-hint = Une par ligne, comme https://www.example.com. Seules les pages de ces origines peuvent afficher le portail et communiquer avec lui.
console-settings-save-origins = Enregistrer les origines
console-settings-origins-saved = { $count ->
        [one] { $count } origine autorisée enregistrée.
       *[other] { $count } origines autorisées enregistrées.
    }
console-settings-behaviour = Sessions, réouverture, recherche et langue
console-settings-session-hours = Durée de session (heures, au moins 1)
console-settings-reopen = Les clients peuvent rouvrir un ticket fermé en y répondant
console-settings-search-preview = Les résultats de recherche affichent une colonne d’aperçu
console-settings-default-language = Langue par défaut
console-settings-default-language-hint = Le portail parle la langue de chaque client quand il le peut, sinon celle-ci ; la console aussi. Le message d’accueil, les types de tickets et les noms d’attributs sont rédigés dans cette langue.
console-settings-hours-number = la durée de session doit être un nombre entier d’heures, et non « { $value } ».
console-settings-hours-max = la durée de session peut être de { $max } heures au plus.
console-settings-no-language = la langue « { $tag } » n’existe pas.
console-settings-behaviour-saved = Enregistré. Les nouvelles sessions ont la nouvelle durée.
console-settings-types = Types de tickets
console-settings-types-hint = Un par ligne, dans l’ordre où les clients les voient (de 1 à 50).
console-settings-save-types = Enregistrer les types
console-settings-types-saved = { $count ->
        [one] { $count } type de ticket enregistré.
       *[other] { $count } types de tickets enregistrés.
    }
console-settings-attributes = Attributs de ticket visibles par les clients
console-settings-attributes-hint = Un par ligne : clé = Nom affiché.
console-settings-save-attributes = Enregistrer les attributs
console-settings-write-key-name = « { $line } » : écrivez clé = Nom affiché.
console-settings-attributes-saved = Les clients voient { $count ->
        [one] { $count } attribut de ticket.
       *[other] { $count } attributs de ticket.
    }
console-settings-attachments = Pièces jointes
console-settings-max-files = Fichiers par message (de 0 à 6)
console-settings-max-kb = Fichier le plus grand (Ko, jusqu’à 3072)
console-settings-save-limits = Enregistrer les limites
console-settings-files-number = le nombre de fichiers doit être un nombre entier.
console-settings-size-number = la taille de fichier doit être un nombre entier.
console-settings-attachments-saved = Jusqu’à { $count ->
        [one] { $count } fichier
       *[other] { $count } fichiers
    } de { $size } au plus chacun.
console-settings-storage = Les fichiers occupent { $used } des { $quota } que cet espace de travail peut conserver ({ $percent } %). L’opérateur du portail fixe ce quota ; au-delà, les envois des clients sont refusés.
console-settings-visibility = Visibilité des tickets
console-settings-restricted = Restreindre qui voit les tickets de ses entreprises
console-settings-visibility-hint = Avec la restriction, les clients qui remplissent toutes les conditions ne voient que leurs propres tickets, et tous les autres aussi ceux de leurs entreprises (sans condition : chacun ne voit que les siens). Une par ligne : attribut opérateur valeur, p. ex. email ends_with @example.com. Attributs : { $fields } (pas le nom du client, que le site ne signe pas) ; opérateurs : equals, contains, starts_with, ends_with.
console-settings-conditions = Conditions
console-settings-preview = Aperçu
console-settings-save-visibility = Enregistrer la visibilité
console-settings-visibility-saved = La règle de visibilité des tickets est enregistrée et appliquée à tous les clients.
console-settings-audience = Qui peut utiliser le portail
console-settings-audience-hint = Les clients qui remplissent toutes les conditions (aucune : tous ceux que le site vérifie). Attributs : { $fields } (pas le nom du client, que le site ne signe pas).
console-settings-save-audience = Enregistrer l’audience
console-settings-audience-saved = L’audience est enregistrée et appliquée à tous les clients.
console-preview-audience = { $matching } client(s) sur { $customers } correspondent.
console-preview-visibility = { $matching } client(s) sur { $customers } ne voient que leurs propres tickets.
console-preview-unavailable = L’aperçu n’est pas disponible pour le moment.

## Translations

console-settings-translations = Traductions
console-settings-translations-hint = Le message d’accueil, les types de tickets et les noms d’attributs tels que les clients les lisent dans d’autres langues. Ils sont rédigés en { $language }, la langue par défaut ; un champ vide affiche le texte tel qu’il est rédigé.
console-settings-translations-language = Langue
console-settings-translations-show = Afficher
console-settings-translations-attributes = Attributs de ticket
console-settings-save-translations = Enregistrer les traductions
console-settings-translations-default = { $language } est la langue par défaut : ses textes sont ceux rédigés plus haut.
console-settings-translations-saved = Les textes en { $language } sont enregistrés ; le portail les affiche à son prochain chargement.

## Embed code

console-embed-status = État
console-embed-is-enabled = Le portail est activé.
console-embed-is-disabled = Le portail est désactivé.
console-embed-needs = Avant de pouvoir être activé, il lui faut { $needs }.
console-embed-needs-origin = au moins une origine d’intégration autorisée (Réglages du portail)
console-embed-needs-secret = un secret de vérification d’identité (Générer le secret, ci-dessous)
console-embed-cannot-enable = Le portail ne peut pas encore être activé. Il lui faut { $needs }.
console-embed-enable = Activer le portail
console-embed-disable = Désactiver le portail
console-embed-enabled-done = Le portail est activé. Copiez le code ci-dessous dans votre site.
console-embed-disabled-done = Le portail est désactivé : le cadre l’indique et n’ouvre aucune session.
console-embed-sign-in = Comment les clients se connectent
console-embed-is-hash-allowed = Votre site peut connecter les clients avec un hachage de vérification ou avec un jeton signé (JWT).
console-embed-is-jwt-only = Seuls les jetons signés (JWT) connectent les clients : les hachages de vérification sont refusés.
console-embed-jwt-hint = Un jeton signé (JWT, HS256 avec le secret ci-dessous) expire en moins de 10 minutes et ne sert qu’une fois : une copie ne sert à rien.
console-embed-require-jwt = N’accepter que des jetons signés (JWT)
console-embed-allow-hash = Accepter aussi les hachages de vérification
console-embed-jwt-only-done = Désormais, seuls les jetons signés (JWT) connectent les clients. Les sessions déjà ouvertes continuent.
console-embed-hash-allowed-done = Les hachages de vérification connectent de nouveau les clients, à côté des jetons signés.
console-embed-step-head = 1. Collez ceci dans le <head> de vos pages
console-embed-step-frame = 2. Placez le cadre là où le portail doit apparaître
console-embed-step-csp = 3. Autorisez-le dans la Content-Security-Policy de votre site
console-embed-step-sign = 4. Signez chaque utilisateur sur votre serveur
console-embed-step-sign-hint = Appelez { $init } une fois l’utilisateur connecté, et { $stop } lorsqu’il se déconnecte. Le hachage est le HMAC-SHA256 de l’e-mail avec le secret, en hexadécimal minuscule ; gardez le secret sur le serveur.
console-embed-copy = Copier
console-embed-copied = Copié
console-embed-secret = Secret de vérification d’identité
console-embed-generate-secret = Générer le secret
console-embed-reveal-secret = Afficher le secret
console-embed-secret-exists = L’espace de travail a déjà un secret ; renouvelez-le pour le remplacer.
console-embed-secret-generated = Un nouveau secret a été généré. Placez-le dans la configuration serveur de votre site.
console-embed-retiring = Un secret précédent reste valable jusqu’au { $time }.
console-embed-overlap = Garder l’ancien secret valable pendant
console-embed-overlap-none = aucune : retirer l’ancien secret maintenant
console-embed-overlap-hours = { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    }
console-embed-overlap-days = { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }
console-embed-rotate = Renouveler le secret
console-embed-bad-overlap = Rien n’a été modifié : choisissez un chevauchement de { $hours } heures.
console-embed-rotated-now = Le secret a été renouvelé. L’ancien n’est plus valable, et ses sessions ont pris fin.
console-embed-rotated-overlap = Le secret a été renouvelé. L’ancien reste valable pendant { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    }, puis il est retiré et ses sessions prennent fin.

## Testing the portal as a customer

console-test-as-title = Tester en tant que client
console-test-as-hint = Ouvre ici le portail en tant que ce client, signé avec le secret de l’espace de travail exactement comme votre site le signerait.
console-test-as-open = Ouvrir le portail en tant que ce client
console-test-as-no-secret = L’espace de travail n’a pas encore de secret : générez-en un sur la page Code d’intégration.
console-test-as-seeing = Vous voyez le portail en tant que { $email }. Ce que vous faites ici, vous le faites en son nom.
console-test-as-frame = Le portail tel que le client le voit

console-settings-form = Champs du formulaire de nouveau ticket
console-settings-form-hint = Ce que les clients remplissent en ouvrant un ticket, sous forme d’attributs ; un par ligne : key | Libellé | text, number, date ou choice: A, B [| required]. Exemple : plan | Offre | choice: Free, Pro | required
console-settings-save-form = Enregistrer le formulaire
console-settings-form-saved = { $count ->
        [one] { $count } champ dans le formulaire de nouveau ticket.
       *[other] { $count } champs dans le formulaire de nouveau ticket.
    }

## The standalone portal and customers' sessions

console-error-sign-in-url = la page de connexion doit être une adresse https:// (http:// seulement sur localhost) sans espaces, guillemets ni #, de { $max } caractères au plus.
console-error-portal-host = le nom d'hôte doit être un nom DNS comme support.example.com, éventuellement avec un port.
console-settings-standalone = Portail autonome
console-settings-standalone-hint = Les clients peuvent aussi utiliser le portail comme un site à part entière, à l'adresse { $address } ou sur un nom d'hôte dédié.
console-settings-sign-in-url = Page de connexion de votre site (authentification personnalisée)
console-settings-sign-in-url-hint = Les visiteurs non connectés y sont envoyés avec return_to ; une fois connectés, renvoyez-les à cette adresse en ajoutant &jwt= et un jeton signé. Vide : pas d'authentification personnalisée.
console-settings-new-tab = Proposer « Ouvrir dans un nouvel onglet » dans le portail intégré
console-settings-email-sign-in = Permettre la connexion avec un code unique envoyé par e-mail
console-settings-email-sign-in-hint = Seuls les clients que l’espace connaît déjà reçoivent un code ; la réponse est la même pour toute adresse.
console-settings-email-sign-in-no-mail = Aucun serveur SMTP n’est configuré : la connexion par e-mail reste désactivée jusqu’à ce qu’il le soit (smtp_url et mail_from).
console-settings-host = Nom d'hôte dédié
console-settings-host-hint = Faites pointer ce nom vers votre proxy inverse, qui gère TLS et transmet au portail en conservant l'en-tête Host. Vide : aucun.
console-settings-host-is-public = c'est l'adresse du portail lui-même ; choisissez un autre nom d'hôte.
console-settings-standalone-saved = Réglages du portail autonome enregistrés.
console-customer-sessions = Sessions
console-session-opened = Ouverte
console-session-where = Où
console-session-origin = Origine ou hôte
console-session-browser = Navigateur
console-session-state = État
console-session-embedded = Intégré
console-session-standalone = Autonome
console-session-live = Active
console-session-ended = Terminée

## Email to customers

console-mail-failed = L'e-mail d'une réponse n'a pas pu être remis
console-mail-on = L'e-mail aux clients est activé : ils sont prévenus des réponses des agents.
console-mail-off = L'e-mail aux clients est désactivé : aucun serveur SMTP n'est configuré (smtp_url et mail_from), rien n'est envoyé.

# The settings' mail card
console-settings-mail = E-mail
console-settings-mail-from-name = Nom de l’expéditeur
console-settings-mail-reply-to = Adresse de réponse
console-settings-mail-reply-to-hint = Vide : les réponses vont à l’adresse de l’expéditeur. Indiquez l’adresse de votre support pour qu’elles y arrivent.
console-settings-mail-reply-to-inbound = Les réponses reviennent au portail (inbound_address est défini) et arrivent dans leurs tickets ; cette adresse n’est pas utilisée.
console-settings-mail-saved = Réglages e-mail enregistrés.
console-error-sender-name = le nom de l’expéditeur doit faire au plus { $max } caractères, sur une ligne.
console-error-reply-to = l’adresse de réponse doit être une adresse e-mail, ou vide.
console-settings-site-page = La page d’assistance du site
console-settings-site-page-hint = Où les liens des e-mails ouvrent un ticket : votre page avec le cadre du portail (par exemple https://app.acme.com/support) ; le chargeur ouvre le ticket nommé par #ticket=. Vide : les liens ouvrent le portail autonome.
console-error-site-page = la page d’assistance du site doit être une adresse https:// (http:// seulement sur localhost), sans espaces, guillemets ni #, d’au plus { $max } caractères.
