# The console's Rules page: assignment and escalation rules, and the
# inbox's escalation filter and badge.

console-nav-rules = ルール
console-rules-title = ルール
console-escalated-badge = エスカレーション済み
console-inbox-escalated = エスカレーション済みのみ

## Assignment

console-rules-assignment-heading = 割り当て
console-rules-assignment-intro = お問い合わせが作成されると（ポータル、API、メールのいずれからでも）、最初に一致したルールによって割り当てられます。
console-rules-none = ルールはまだありません。
console-rules-col-name = ルール
console-rules-col-when = 条件
console-rules-col-then = 処理
console-rules-any-ticket = すべてのお問い合わせ
console-rules-up = 上へ移動
console-rules-remove = 削除
console-rules-preview = プレビュー
console-rules-add = ルールを追加
console-rules-name = 名前
console-rules-type = お問い合わせの種類
console-rules-any-type = すべての種類
console-rules-company = 会社キー（空欄：すべて）
console-rules-channel = チャネル
console-rules-any-channel = すべてのチャネル
console-rules-customer = 顧客の条件（1 行に 1 つ、対象の条件と同じ形式）
console-rules-assign-to = 割り当て先
console-rules-round-robin = または次の担当者に順番に割り当て（一時停止中のアカウントはスキップされます）
console-rules-assign-agent = { $agent } に割り当て
console-rules-assign-turns = { $agents } に順番に割り当て
console-rules-matches = 最近のお問い合わせのうち、{ $count ->
    [0] 一致するものはありませんでした。
   *[other] { $count } 件が一致していました：
}

## Escalation

console-rules-escalation-heading = エスカレーション
console-rules-escalation-intro = 数秒ごとに確認します。各ルールはお問い合わせごとに 1 回だけ実行されます。
console-rules-trigger = 条件
console-rules-no-first-reply = エージェントの返信がないまま経過した時間（分）
console-rules-customer-waiting = 顧客の待ち時間（分）
console-rules-minutes = 分
console-rules-mark = エスカレーション済みにする
console-rules-reassign = 再割り当て先
console-rules-no-reassign = なし（変更しない）
console-rules-post-to-slack = Slack に投稿
console-rules-when-no-reply = { $minutes } 分以内にエージェントの返信なし
console-rules-when-waiting = 顧客が { $minutes } 分待機
console-rules-then-mark = エスカレーション済みにする
console-rules-then-reassign = { $agent } に再割り当て
console-rules-then-slack = Slack に投稿
console-rules-due-now = 現時点で対象：{ $count ->
    [0] お問い合わせはありません。
   *[other] お問い合わせ { $count } 件：
}

## Results

console-rules-added = ルールを追加しました。
console-rules-removed = ルールを削除しました。
console-rules-moved = ルールを上へ移動しました。
console-rules-no-such = そのルールはありません。
console-rules-no-agent = エージェントを 1 人、または順番に担当するエージェントを選んでください。
console-rules-bad-minutes = 待ち時間は 1～86400 の整数（分）にしてください。

## Business hours

console-hours-heading = 営業時間
console-hours-intro = エスカレーションの待ち時間は、ワークスペースのタイムゾーンでこの営業時間内だけを数えます。設定しない場合は、すべての時間を数えます。
console-hours-none = 未設定：すべての時間を数えます。
console-hours-zone = タイムゾーン（例：Europe/Berlin）
console-hours-days = 曜日
console-hours-opens = 開始時刻
console-hours-closes = 終了時刻
console-hours-save = 営業時間を保存
console-hours-clear = すべての時間を数える
console-hours-saved = 営業時間を保存しました。
console-hours-cleared = 再びすべての時間を数えます。
console-day-mon = 月曜日
console-day-tue = 火曜日
console-day-wed = 水曜日
console-day-thu = 木曜日
console-day-fri = 金曜日
console-day-sat = 土曜日
console-day-sun = 日曜日

## Why a rule was refused

console-rules-bad-name = ルールには 100 文字以内の名前を付けてください。
console-rules-empty-group = 順番に担当するエージェントを 1 人以上選んでください。
console-rules-no-action = エスカレーションルールには、エスカレーション済みにする、再割り当て、Slack への投稿のいずれかの処理が必要です。
console-rules-customer-filter = エスカレーションルールで絞り込めるのは、お問い合わせの種類と会社だけです。
console-rules-bad-channel = チャネルは portal、api、email のいずれかにしてください。
console-hours-bad-zone = { $zone } はタイムゾーンではありません。Europe/Berlin のような名前を使ってください。
console-hours-bad-hours = 曜日を 1 つ以上選び、開始時刻を終了時刻より前にしてください。
