# The console's Rules page: assignment and escalation rules, and the
# inbox's escalation filter and badge.

console-nav-rules = Regras
console-rules-title = Regras
console-escalated-badge = Escalonado
console-inbox-escalated = Só escalonados

## Assignment

console-rules-assignment-heading = Atribuição
console-rules-assignment-intro = Quando um ticket é aberto (pelo portal, pela API ou por e-mail), a primeira regra que corresponde a ele o atribui.
console-rules-none = Ainda não há regras.
console-rules-col-name = Regra
console-rules-col-when = Quando
console-rules-col-then = Então
console-rules-any-ticket = qualquer ticket
console-rules-up = Mover para cima
console-rules-remove = Remover
console-rules-preview = Prévia
console-rules-add = Adicionar regra
console-rules-name = Nome
console-rules-type = Tipo de ticket
console-rules-any-type = Qualquer tipo
console-rules-company = Chave da empresa (vazio: qualquer uma)
console-rules-channel = Canal
console-rules-any-channel = Qualquer canal
console-rules-customer = Condições do cliente, uma por linha (como para o público)
console-rules-assign-to = Atribuir a
console-rules-round-robin = Ou em rodízio entre (contas pausadas são puladas)
console-rules-assign-agent = Atribuir a { $agent }
console-rules-assign-turns = Atribuir em rodízio a { $agents }
console-rules-matches = Dos tickets mais recentes, { $count ->
    [0] nenhum teria correspondido.
    [one] um teria correspondido:
    [many] { $count } teriam correspondido:
   *[other] { $count } teriam correspondido:
}

## Escalation

console-rules-escalation-heading = Escalonamento
console-rules-escalation-intro = As regras são verificadas a cada poucos segundos; cada uma é acionada uma só vez por ticket.
console-rules-trigger = Quando
console-rules-no-first-reply = Sem resposta de um agente em (minutos)
console-rules-customer-waiting = O cliente está esperando há (minutos)
console-rules-minutes = Minutos
console-rules-mark = Marcar como escalonado
console-rules-reassign = Reatribuir a
console-rules-no-reassign = Ninguém (manter)
console-rules-post-to-slack = Publicar no Slack
console-rules-when-no-reply = sem resposta de um agente em { $minutes } min
console-rules-when-waiting = o cliente esperou { $minutes } min
console-rules-then-mark = marcar como escalonado
console-rules-then-reassign = reatribuir a { $agent }
console-rules-then-slack = publicar no Slack
console-rules-due-now = Vencem agora: { $count ->
    [0] nenhum ticket.
    [one] um ticket:
    [many] { $count } de tickets:
   *[other] { $count } tickets:
}

## Results

console-rules-added = A regra foi adicionada.
console-rules-removed = A regra foi removida.
console-rules-moved = A regra foi movida para cima.
console-rules-no-such = essa regra não existe.
console-rules-no-agent = escolha um agente, ou agentes para se revezarem.
console-rules-bad-minutes = a espera deve ser um número inteiro de minutos de 1 a 86400.

## Business hours

console-hours-heading = Horário comercial
console-hours-intro = As esperas de escalonamento só contam dentro deste horário, no fuso horário do espaço de trabalho. Sem ele, cada minuto conta.
console-hours-none = Não definido: cada minuto conta.
console-hours-zone = Fuso horário (por exemplo Europe/Berlin)
console-hours-days = Dias
console-hours-opens = Abertura
console-hours-closes = Fechamento
console-hours-save = Salvar horário
console-hours-clear = Contar cada minuto
console-hours-saved = O horário comercial foi salvo.
console-hours-cleared = Cada minuto volta a contar.
console-day-mon = segunda-feira
console-day-tue = terça-feira
console-day-wed = quarta-feira
console-day-thu = quinta-feira
console-day-fri = sexta-feira
console-day-sat = sábado
console-day-sun = domingo

## Why a rule was refused

console-rules-bad-name = uma regra precisa de um nome com no máximo 100 caracteres.
console-rules-empty-group = escolha pelo menos um agente para o rodízio.
console-rules-no-action = uma regra de escalonamento deve fazer algo: marcar como escalonado, reatribuir ou publicar no Slack.
console-rules-customer-filter = uma regra de escalonamento filtra só por tipo de ticket e empresa.
console-rules-bad-channel = o canal deve ser portal, api ou email.
console-hours-bad-zone = { $zone } não é um fuso horário: use um nome como Europe/Berlin.
console-hours-bad-hours = escolha pelo menos um dia e uma abertura antes do fechamento.
