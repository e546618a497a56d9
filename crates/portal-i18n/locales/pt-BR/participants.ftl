# Ticket participants: the customers besides its creator who take part in
# a ticket. What the frame says first, then the console.

## The frame: a company member who reads a ticket without taking part

join-hint = Você pode ler este ticket porque ele pertence à sua empresa. Participe da conversa para responder.
join-button = Participar da conversa
error-not-participant = Participe desta conversa para responder.

## The console: a ticket's participants

console-participants-title = Participantes
console-participants-hint = Clientes, além de quem abriu o ticket, que participam dele: eles o veem no portal e podem responder. As notas internas continuam ocultas para eles.
console-participants-none = Ninguém mais participa deste ticket ainda.
console-participant-how = Adicionado por
console-participant-since = Desde
console-participant-added-by-agent = Um agente
console-participant-joined = O próprio cliente, pelo portal
console-participant-actions = Ações
console-participant-remove = Remover
console-participant-remove-label = Remover { $email } dos participantes
console-participant-email = E-mail do cliente
console-participant-add = Adicionar participante
console-participant-add-or-remove = informe o e-mail de um cliente para adicionar, ou de um participante para remover.
console-participant-added = Adicionado. O cliente agora vê este ticket no portal e pode responder.
console-participant-already = O cliente já participa deste ticket; nada foi alterado.
console-participant-removed = Removido. O cliente agora só vê este ticket se a regra de visibilidade o mostrar.
console-participant-was-not = O cliente não era participante; nada foi alterado.
console-store-no-customer = não existe o cliente { $email }.
console-store-creator-takes-part = este cliente abriu o ticket e já participa dele.
console-store-not-participant = o cliente precisa participar do ticket primeiro.
