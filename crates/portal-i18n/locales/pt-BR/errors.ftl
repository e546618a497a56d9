# Why a value was refused: read in the frame and in the console.

invalid-email-missing = Informe o endereço de e-mail.
invalid-email-too-long = O endereço de e-mail tem mais de { $max } caracteres.
invalid-email = O endereço de e-mail não é válido.
invalid-email-case = O endereço de e-mail contém um caractere que vira outra letra quando se troca entre maiúsculas e minúsculas (como o símbolo kelvin, que vira k), então ele poderia se passar por outro endereço.
invalid-name-too-long = O nome tem mais de { $max } caracteres.
invalid-name-control = O nome contém caracteres de controle.
invalid-slug = O nome do espaço de trabalho deve ter de 1 a { $max } caracteres entre a-z, 0-9 e '-'.
invalid-origin = '{ $origin }' não é uma origem: use scheme://host[:port] com http ou https e nada depois.
invalid-origin-count = É possível permitir no máximo { $max } origens.
invalid-session-lifetime = A duração da sessão deve ser de pelo menos uma hora.
invalid-title-empty = O título não pode ficar vazio.
invalid-message-empty = A mensagem não pode ficar vazia.
invalid-message-too-long = A mensagem tem { $got } caracteres; o limite é { $max }.
invalid-title-too-long = O título tem { $got } caracteres; o limite é { $max }.
invalid-idempotency-key = A chave de idempotência deve ter de 8 a 64 caracteres entre a-z, A-Z, 0-9, '-' e '_'.
invalid-type-count = Um espaço de trabalho tem de 1 a { $max } tipos de ticket, não { $got }.
invalid-type-length = Um tipo de ticket deve ter de 1 a { $max } caracteres: "{ $name }".
invalid-type-control = Um tipo de ticket não pode conter caracteres de controle: "{ $name }".
invalid-type-repeated = O tipo de ticket "{ $name }" aparece duas vezes.
invalid-token-name = O nome de um token de API deve ter de 1 a { $max } caracteres, sem caracteres de controle.

list-error-search-too-long = Uma pesquisa pode ter no máximo { $max } caracteres.
list-error-search-no-words = Pesquise pelo menos uma letra ou um número.
list-error-state = "{ $value }" não é um status de ticket.
list-error-type = "{ $value }" não é um dos tipos de ticket deste portal.
list-error-date = "{ $value }" não é uma data: use YYYY-MM-DD.
list-error-created-reversed = O período de criação termina antes de começar.
list-error-updated-reversed = O período de atualização termina antes de começar.
list-error-sort = "{ $value }" não é uma forma válida de ordenar tickets.
list-error-creator = "{ $value }" não é um endereço de e-mail.
list-error-page-size = O tamanho da página deve ser um número inteiro.
list-error-cursor = Este link de página está corrompido. Comece novamente pela primeira página.

file-error-no-name = O arquivo não tem nome.
file-error-name-too-long = { $name }: o nome tem mais de { $max } caracteres.
file-error-separator = { $name }: nomes de arquivo não podem conter '/' nem '\'.
file-error-control = { $name }: nomes de arquivo não podem conter caracteres de controle.
file-error-kind = { $name }: este tipo de arquivo não é permitido (permitidos: { $allowed }).
file-error-empty = { $name }: o arquivo está vazio.
file-error-too-large = { $name }: o arquivo é maior que { $limit }.
file-error-mismatch = { $name }: o conteúdo não é um arquivo { $kind }, independentemente do que diz o nome.
file-error-too-many = { $max ->
        [one] É possível anexar no máximo { $max } arquivo por mensagem.
       *[other] É possível anexar no máximo { $max } arquivos por mensagem.
    }
file-error-disabled = Este espaço de trabalho não aceita anexos.

form-error-unknown = Este formulário não tem o campo "{ $field }".
form-error-required = Preencha "{ $field }".
form-error-too-long = "{ $field }" tem no máximo { $max } caracteres.
form-error-number = "{ $field }" deve ser um número.
form-error-date = "{ $field }" deve ser uma data (AAAA-MM-DD).
form-error-choice = Escolha uma das opções de "{ $field }".
