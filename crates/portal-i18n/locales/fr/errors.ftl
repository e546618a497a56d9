# Why a value was refused: read in the frame and in the console.

invalid-email-missing = L’adresse e-mail est manquante.
invalid-email-too-long = L’adresse e-mail dépasse { $max } caractères.
invalid-email = L’adresse e-mail n’est pas valide.
invalid-email-case = L’adresse e-mail contient un caractère qui devient une autre lettre quand on change sa casse (comme le signe kelvin, qui devient k) ; elle pourrait donc passer pour une autre adresse.
invalid-name-too-long = Le nom dépasse { $max } caractères.
invalid-name-control = Le nom contient des caractères de contrôle.
invalid-slug = Le nom de l’espace de travail doit comporter de 1 à { $max } caractères parmi a-z, 0-9 et '-'.
invalid-origin = '{ $origin }' n’est pas une origine : utilisez scheme://host[:port] avec http ou https, sans rien après.
invalid-origin-count = Vous pouvez autoriser au maximum { $max } origines.
invalid-session-lifetime = La durée de session doit être d’au moins une heure.
invalid-title-empty = Le titre ne peut pas être vide.
invalid-message-empty = Le message ne peut pas être vide.
invalid-message-too-long = Le message compte { $got } caractères ; la limite est de { $max }.
invalid-title-too-long = Le titre compte { $got } caractères ; la limite est de { $max }.
invalid-idempotency-key = La clé d’idempotence doit comporter de 8 à 64 caractères parmi a-z, A-Z, 0-9, '-' et '_'.
invalid-type-count = Un espace de travail compte de 1 à { $max } types de tickets, et non { $got }.
invalid-type-length = Un type de ticket doit comporter de 1 à { $max } caractères : « { $name } ».
invalid-type-control = Un type de ticket ne doit pas contenir de caractères de contrôle : « { $name } ».
invalid-type-repeated = Le type de ticket « { $name } » figure deux fois dans la liste.
invalid-token-name = Le nom d’un jeton d’API doit comporter de 1 à { $max } caractères, sans caractères de contrôle.

list-error-search-too-long = Une recherche comporte au maximum { $max } caractères.
list-error-search-no-words = Recherchez au moins une lettre ou un chiffre.
list-error-state = « { $value } » n’est pas un statut de ticket.
list-error-type = « { $value } » ne fait pas partie des types de tickets de ce portail.
list-error-date = « { $value } » n’est pas une date : utilisez YYYY-MM-DD.
list-error-created-reversed = La période de création se termine avant de commencer.
list-error-updated-reversed = La période de mise à jour se termine avant de commencer.
list-error-sort = « { $value } » n’est pas un tri valide pour les tickets.
list-error-creator = « { $value } » n’est pas une adresse e-mail.
list-error-page-size = La taille de page doit être un nombre entier.
list-error-cursor = Ce lien de page est endommagé. Recommencez depuis la première page.

file-error-no-name = Le fichier n’a pas de nom.
file-error-name-too-long = { $name } : le nom dépasse { $max } caractères.
file-error-separator = { $name } : les noms de fichiers ne doivent contenir ni '/' ni '\'.
file-error-control = { $name } : les noms de fichiers ne doivent pas contenir de caractères de contrôle.
file-error-kind = { $name } : ce type de fichier n’est pas autorisé (types autorisés : { $allowed }).
file-error-empty = { $name } : le fichier est vide.
file-error-too-large = { $name } : le fichier dépasse { $limit }.
file-error-mismatch = { $name } : le contenu n’est pas un fichier { $kind }, quoi qu’en dise son nom.
file-error-too-many = { $max ->
        [one] Vous pouvez joindre au maximum { $max } fichier par message.
       *[other] Vous pouvez joindre au maximum { $max } fichiers par message.
    }
file-error-disabled = Cet espace de travail n’accepte pas les pièces jointes.

form-error-unknown = Ce formulaire n’a pas de champ « { $field } ».
form-error-required = Veuillez remplir « { $field } ».
form-error-too-long = « { $field } » compte au plus { $max } caractères.
form-error-number = « { $field } » doit être un nombre.
form-error-date = « { $field } » doit être une date (AAAA-MM-JJ).
form-error-choice = Veuillez choisir l’une des options de « { $field } ».
