# Why a value was refused: read in the frame and in the console.

invalid-email-missing = メールアドレスが入力されていません。
invalid-email-too-long = メールアドレスが{ $max }文字を超えています。
invalid-email = メールアドレスが正しくありません。
invalid-email-case = メールアドレスに、大文字・小文字を変換すると別の文字になる文字（k になるケルビン記号など）が含まれているため、別のアドレスと見なされるおそれがあります。
invalid-name-too-long = 名前が{ $max }文字を超えています。
invalid-name-control = 名前に制御文字が含まれています。
invalid-slug = ワークスペース名は、a-z、0-9、'-' を使って1～{ $max }文字で指定してください。
invalid-origin = '{ $origin }' はオリジンではありません。http または https の scheme://host[:port] 形式で指定し、その後には何も付けないでください。
invalid-origin-count = 許可できるオリジンは最大{ $max }個です。
invalid-session-lifetime = セッションの有効期間は1時間以上にしてください。
invalid-title-empty = 件名を入力してください。
invalid-message-empty = メッセージを入力してください。
invalid-message-too-long = メッセージが{ $got }文字あります。上限は{ $max }文字です。
invalid-title-too-long = 件名が{ $got }文字あります。上限は{ $max }文字です。
invalid-idempotency-key = 冪等キーは、a-z、A-Z、0-9、'-'、'_' を使って8～64文字で指定してください。
invalid-type-count = ワークスペースのお問い合わせの種類は1～{ $max }個にしてください（現在{ $got }個）。
invalid-type-length = お問い合わせの種類は1～{ $max }文字にしてください：「{ $name }」
invalid-type-control = お問い合わせの種類に制御文字は使用できません：「{ $name }」
invalid-type-repeated = お問い合わせの種類「{ $name }」が重複しています。
invalid-token-name = API トークン名は、制御文字を含まない1～{ $max }文字にしてください。

list-error-search-too-long = 検索語は{ $max }文字以内にしてください。
list-error-search-no-words = 文字または数字を1つ以上含めて検索してください。
list-error-state = 「{ $value }」はお問い合わせのステータスではありません。
list-error-type = 「{ $value }」はこのポータルのお問い合わせの種類ではありません。
list-error-date = 「{ $value }」は日付ではありません。YYYY-MM-DD の形式で入力してください。
list-error-created-reversed = 作成日の期間で、終了日が開始日より前になっています。
list-error-updated-reversed = 更新日の期間で、終了日が開始日より前になっています。
list-error-sort = 「{ $value }」はお問い合わせの並べ替え方法ではありません。
list-error-creator = 「{ $value }」はメールアドレスではありません。
list-error-page-size = ページサイズは整数で指定してください。
list-error-cursor = このページのリンクが壊れています。最初のページからやり直してください。

file-error-no-name = ファイル名がありません。
file-error-name-too-long = { $name }：ファイル名が{ $max }文字を超えています。
file-error-separator = { $name }：ファイル名に '/' や '\' は使用できません。
file-error-control = { $name }：ファイル名に制御文字は使用できません。
file-error-kind = { $name }：この種類のファイルは添付できません（添付できる種類：{ $allowed }）。
file-error-empty = { $name }：ファイルが空です。
file-error-too-large = { $name }：ファイルが{ $limit }を超えています。
file-error-mismatch = { $name }：ファイル名にかかわらず、内容が { $kind } ファイルではありません。
file-error-too-many = 1つのメッセージに添付できるファイルは最大{ $max }個です。
file-error-disabled = このワークスペースでは添付ファイルを受け付けていません。

form-error-unknown = このフォームに「{ $field }」という項目はありません。
form-error-required = 「{ $field }」を入力してください。
form-error-too-long = 「{ $field }」は{ $max }文字以内で入力してください。
form-error-number = 「{ $field }」には数値を入力してください。
form-error-date = 「{ $field }」には日付（YYYY-MM-DD）を入力してください。
form-error-choice = 「{ $field }」の選択肢から1つ選んでください。
