# The console's Integrations page: webhooks, Slack, and the rules that
# route and escalate tickets. Event type names (ticket.created, ...) are
# identifiers: they stay in English.

console-nav-integrations = 連携
console-integrations-title = 連携

## Webhooks

console-webhooks-heading = Webhook
console-webhooks-intro = お問い合わせ、メッセージ、顧客に変更があると、各エンドポイントに署名付きの JSON リクエストが送信されます。署名の検証方法はドキュメントを参照してください。
console-webhooks-none = エンドポイントはまだありません。
console-webhooks-col-url = URL
console-webhooks-col-events = イベント
console-webhooks-col-state = 状態
console-webhooks-enabled = 有効
console-webhooks-failing = { $since } から失敗中
console-webhooks-disabled = 無効：{ $reason }
console-webhooks-disabled-alert = { $url } への Webhook は無効になりました：{ $reason }。エンドポイントが動作するようになったら、再び有効にしてください。待機中の配信はそのときに送信されます。
console-webhooks-log = 配信履歴
console-webhooks-enable = 有効にする
console-webhooks-disable = 無効にする
console-webhooks-rotate = 新しいシークレット
console-webhooks-remove = 削除
console-webhooks-add-heading = エンドポイントを追加
console-webhooks-url = URL（https://）
console-webhooks-events = イベント
console-webhooks-event-ticket-created = お問い合わせが作成された
console-webhooks-event-ticket-updated = お問い合わせのステータスまたは参加者が変わった
console-webhooks-event-message-created = メッセージが書き込まれた
console-webhooks-event-customer-created = 顧客が初めて確認された
console-webhooks-include-notes = エージェントの社内メモも送信する
console-webhooks-add = エンドポイントを追加
console-webhooks-added = 追加しました。シークレット（今だけ表示されます）：{ $secret }
console-webhooks-rotated = 古いシークレットはもう何にも署名しません。新しいシークレット（今だけ表示されます）：{ $secret }
console-webhooks-now-enabled = 有効にしました。待機中の配信を今から送信します。
console-webhooks-now-disabled = 無効にしました。再び有効にするまで、このエンドポイントについては何も記録されません。
console-webhooks-removed = 配信履歴とともに削除しました。
console-webhooks-no-such = そのエンドポイントはありません。
console-webhooks-bad-url = URL は、ユーザー名を含まない https:// のアドレスで、2000 文字以内にしてください。
console-webhooks-private-url = URL がプライベート、ループバック、またはリンクローカルのネットワーク内にあります。このサーバーはそこへは送信しません。
console-webhooks-no-events = イベントを 1 つ以上選んでください。
console-webhooks-back = ← 連携
console-webhooks-log-title = { $url } への配信
console-webhooks-log-none = このエンドポイントにはまだ何も送信されていません。
console-webhooks-col-event = イベント
console-webhooks-col-ticket = お問い合わせ
console-webhooks-col-when = 日時
console-webhooks-col-attempts = 試行回数
console-webhooks-col-answer = 応答
console-webhooks-state-pending = 待機中
console-webhooks-state-delivered = 配信済み
console-webhooks-state-failed = 失敗
console-webhooks-redeliver = 再送信
console-webhooks-redelivered = 数秒以内に、同じイベント ID で再送信されます。
