# Why a value was refused: read in the frame and in the console.

invalid-email-missing = Falta la dirección de correo electrónico.
invalid-email-too-long = La dirección de correo electrónico supera los { $max } caracteres.
invalid-email = La dirección de correo electrónico no es válida.
invalid-email-case = La dirección de correo electrónico contiene un carácter que se convierte en otra letra al cambiar entre mayúsculas y minúsculas (como el signo de kelvin, que se convierte en k), por lo que podría hacerse pasar por otra dirección.
invalid-name-too-long = El nombre supera los { $max } caracteres.
invalid-name-control = El nombre contiene caracteres de control.
invalid-slug = El nombre del espacio de trabajo debe tener entre 1 y { $max } caracteres de a-z, 0-9 y '-'.
invalid-origin = '{ $origin }' no es un origen: use scheme://host[:port] con http o https y nada después.
invalid-origin-count = Se pueden permitir como máximo { $max } orígenes.
invalid-session-lifetime = La duración de la sesión debe ser de al menos una hora.
invalid-title-empty = El título no puede estar vacío.
invalid-message-empty = El mensaje no puede estar vacío.
invalid-message-too-long = El mensaje tiene { $got } caracteres; el límite es { $max }.
invalid-title-too-long = El título tiene { $got } caracteres; el límite es { $max }.
invalid-idempotency-key = La clave de idempotencia debe tener entre 8 y 64 caracteres de a-z, A-Z, 0-9, '-' y '_'.
invalid-type-count = Un espacio de trabajo tiene entre 1 y { $max } tipos de ticket, no { $got }.
invalid-type-length = Un tipo de ticket debe tener entre 1 y { $max } caracteres: «{ $name }».
invalid-type-control = Un tipo de ticket no puede contener caracteres de control: «{ $name }».
invalid-type-repeated = El tipo de ticket «{ $name }» aparece dos veces.
invalid-token-name = El nombre de un token de API debe tener entre 1 y { $max } caracteres, sin caracteres de control.

list-error-search-too-long = Una búsqueda puede tener como máximo { $max } caracteres.
list-error-search-no-words = Busque al menos una letra o un número.
list-error-state = «{ $value }» no es un estado de ticket.
list-error-type = «{ $value }» no es uno de los tipos de ticket de este portal.
list-error-date = «{ $value }» no es una fecha: use YYYY-MM-DD.
list-error-created-reversed = El intervalo de fechas de creación termina antes de empezar.
list-error-updated-reversed = El intervalo de fechas de actualización termina antes de empezar.
list-error-sort = «{ $value }» no es una forma válida de ordenar los tickets.
list-error-creator = «{ $value }» no es una dirección de correo electrónico.
list-error-page-size = El tamaño de página debe ser un número entero.
list-error-cursor = Este enlace de página está dañado. Vuelva a empezar desde la primera página.

file-error-no-name = El archivo no tiene nombre.
file-error-name-too-long = { $name }: el nombre supera los { $max } caracteres.
file-error-separator = { $name }: los nombres de archivo no pueden contener '/' ni '\'.
file-error-control = { $name }: los nombres de archivo no pueden contener caracteres de control.
file-error-kind = { $name }: este tipo de archivo no está permitido (permitidos: { $allowed }).
file-error-empty = { $name }: el archivo está vacío.
file-error-too-large = { $name }: el archivo ocupa más de { $limit }.
file-error-mismatch = { $name }: el contenido no es un archivo { $kind }, independientemente de lo que indique su nombre.
file-error-too-many = { $max ->
        [one] Solo se puede adjuntar { $max } archivo por mensaje.
       *[other] Se pueden adjuntar como máximo { $max } archivos por mensaje.
    }
file-error-disabled = Este espacio de trabajo no acepta archivos adjuntos.

form-error-unknown = Este formulario no tiene el campo «{ $field }».
form-error-required = Complete «{ $field }».
form-error-too-long = «{ $field }» admite como máximo { $max } caracteres.
form-error-number = «{ $field }» debe ser un número.
form-error-date = «{ $field }» debe ser una fecha (AAAA-MM-DD).
form-error-choice = Elija una de las opciones de «{ $field }».
