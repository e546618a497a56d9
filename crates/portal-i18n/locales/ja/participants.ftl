# Ticket participants: the customers besides its creator who take part in
# a ticket. What the frame says first, then the console.

## The frame: a company member who reads a ticket without taking part

join-hint = このお問い合わせはあなたの会社のものなので閲覧できます。返信するには会話に参加してください。
join-button = 会話に参加
error-not-participant = 返信するには、この会話に参加してください。

## The console: a ticket's participants

console-participants-title = 参加者
console-participants-hint = お問い合わせの作成者以外で参加している顧客です。ポータルでこのお問い合わせを閲覧し、返信できます。内部メモは表示されません。
console-participants-none = このお問い合わせには、まだほかの参加者がいません。
console-participant-how = 追加者
console-participant-since = 参加日時
console-participant-added-by-agent = エージェント
console-participant-joined = 本人（ポータルから参加）
console-participant-actions = 操作
console-participant-remove = 外す
console-participant-remove-label = { $email } を参加者から外す
console-participant-email = 顧客のメールアドレス
console-participant-add = 参加者を追加
console-participant-add-or-remove = 追加する顧客、または外す参加者のメールアドレスを入力してください。
console-participant-added = 追加しました。この顧客はポータルでこのお問い合わせを閲覧し、返信できます。
console-participant-already = この顧客はすでに参加しています。変更はありません。
console-participant-removed = 外しました。この顧客は、表示ルールで許可されている場合にのみこのお問い合わせを閲覧できます。
console-participant-was-not = この顧客は参加者ではありませんでした。変更はありません。
console-store-no-customer = 顧客 { $email } はいません。
console-store-creator-takes-part = この顧客はお問い合わせの作成者で、すでに参加しています。
console-store-not-participant = 顧客はまずお問い合わせに参加する必要があります。
