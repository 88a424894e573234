<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddExampleDialog</name>
    <message>
        <source>Add to dataset</source>
        <translation>添加到数据集</translation>
    </message>
    <message>
        <source>None: the dataset&apos;s system prompt applies, if it has one</source>
        <translation>无：如果数据集设有系统提示词，则使用它</translation>
    </message>
    <message>
        <source>The user&apos;s message</source>
        <translation>用户的消息</translation>
    </message>
    <message>
        <source>The answer the model should learn to give</source>
        <translation>希望模型学会给出的回答</translation>
    </message>
    <message>
        <source>The example is added at the end of the dataset in the Data tab. You can undo it there with Edit → Undo (%1).</source>
        <translation>该样本会添加到“数据”页中数据集的末尾。你可以在那里通过“编辑 → 撤销”（%1）撤回。</translation>
    </message>
    <message>
        <source>Add this example to the dataset (Ctrl+Enter)</source>
        <translation>将此样本添加到数据集（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;System prompt (optional):</source>
        <translation>系统提示词(&amp;S)（可选）：</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>问题(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;Answer (correct it if needed):</source>
        <translation>回答(&amp;A)（如有需要请修改）：</translation>
    </message>
</context>
<context>
    <name>AnswerWords</name>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n 个 token</numerusform>
        </translation>
    </message>
    <message>
        <source>first token %1 s</source>
        <translation>首个 token %1 秒</translation>
    </message>
    <message>
        <source>%1 s in all</source>
        <translation>共 %1 秒</translation>
    </message>
    <message>
        <source>cut short by the max tokens setting</source>
        <translation>因“最多 token 数”设置而被截断</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>ChatSettingsPanel</name>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Default: not sent, so the service uses its own setting.</source>
        <translation>默认：不发送此项，由服务商使用自己的设置。</translation>
    </message>
    <message>
        <source>Optional: who the model is and how it answers. Best the same as in your training data.</source>
        <translation>可选：说明模型是谁、该如何回答。最好与训练数据中的一致。</translation>
    </message>
    <message>
        <source>Instructions the model reads before every question, such as the role it plays and how it should answer. A model answers best with the same system prompt it was trained with.</source>
        <translation>模型在回答每个问题之前都会读到的说明，例如它扮演的角色、应该如何回答。使用与训练时相同的系统提示词，模型回答得最好。</translation>
    </message>
    <message>
        <source>System prompt:</source>
        <translation>系统提示词：</translation>
    </message>
    <message>
        <source>Use the dataset&apos;s system prompt</source>
        <translation>使用数据集的系统提示词</translation>
    </message>
    <message>
        <source>Replace the system prompt above with the default system prompt of the dataset in the Data tab.</source>
        <translation>用“数据”页中数据集的默认系统提示词替换上面的系统提示词。</translation>
    </message>
    <message>
        <source>How varied the answers are, from 0 to 2. Low (0 to 0.3): focused, nearly the same answer every time. High (above 1): more varied and inventive, but more likely to wander off.</source>
        <translation>回答的多样程度，取值 0 到 2。低（0 到 0.3）：回答集中，每次几乎一样。高（大于 1）：更多样、更有创意，但也更容易跑题。</translation>
    </message>
    <message>
        <source>Another way to limit variety, from 0 to 1: the model only chooses among its likeliest next words, as many as make up this share of the chances. 1 allows all of them; 0.1 only the very likeliest. Change this or Temperature, usually not both.</source>
        <translation>另一种控制多样性的方式，取值 0 到 1：模型只在最可能出现的下一个词中挑选，这些词的可能性加起来占这个比例。1 表示所有词都可选；0.1 表示只选最可能的那些。通常只调整这一项或“温度”，不要两个都调。</translation>
    </message>
    <message>
        <source>The longest answer allowed, in tokens (a token is a short word or a piece of one; a Chinese character is about one token). An answer that reaches it is cut off there.</source>
        <translation>回答最多允许多少 token（token 是一个短词或词的一部分；一个汉字大约是一个 token）。回答达到这个长度就会被截断。</translation>
    </message>
    <message>
        <source>None: each question alone</source>
        <translation>无：每个问题单独发送</translation>
    </message>
    <message>
        <source>How many of the latest messages in this conversation are sent along with each question, so the model knows what was said before. A question and its answer are two messages. More messages: a longer memory, but each question costs more tokens. The system prompt is always sent.</source>
        <translation>每次提问时，会把这段对话中最近的多少条消息一起发送，让模型知道之前说过什么。一问一答算两条消息。消息越多，模型记得越多，但每次提问花费的 token 也越多。系统提示词总会发送。</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>最多 token 数：</translation>
    </message>
    <message>
        <source>Context messages:</source>
        <translation>上下文消息数：</translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <source>Refresh models</source>
        <translation>刷新模型列表</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Other model…</source>
        <translation>其他模型…</translation>
    </message>
    <message>
        <source>Type a model or deployment name the service does not list (an Azure deployment, a checkpoint).</source>
        <translation>输入服务未列出的模型或部署名称（例如 Azure 部署、检查点）。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Show or hide the system prompt and generation settings</source>
        <translation>显示或隐藏系统提示词和生成设置</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话内容</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <source>Type a message. Ctrl+Enter sends.</source>
        <translation>输入消息，按 Ctrl+Enter 发送。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Compare models</source>
        <translation>对比模型</translation>
    </message>
    <message>
        <source>Ask two or three models the same question and read their answers side by side</source>
        <translation>向两三个模型提同一个问题，并排查看它们的回答</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Add your API key in Settings to chat with your models.</source>
        <translation>请先在“设置”中添加 API 密钥，才能与你的模型对话。</translation>
    </message>
    <message>
        <source>Other model</source>
        <translation>其他模型</translation>
    </message>
    <message>
        <source>Model or deployment name:</source>
        <translation>模型或部署名称：</translation>
    </message>
    <message>
        <source>This model&apos;s base was shut down on %1; the model no longer answers.</source>
        <translation>此模型的基础模型已于 %1 停用，此模型不再回答。</translation>
    </message>
    <message>
        <source>This model was shut down on %1; it no longer answers.</source>
        <translation>此模型已于 %1 停用，不再回答。</translation>
    </message>
    <message>
        <source>This model&apos;s base shuts down on %1; the model will stop answering after that date.</source>
        <translation>此模型的基础模型将于 %1 停用；此后该模型将不再回答。</translation>
    </message>
    <message>
        <source>Legacy completion model: each message is sent on its own, without the chat history; the separator and ending of your dataset are added for you.</source>
        <translation>旧版补全式模型：每条消息单独发送，不带对话历史；会自动加上你数据集的分隔符和结束标记。</translation>
    </message>
    <message>
        <source>Wait for the answer (or stop it) before opening another.</source>
        <translation>请等回答结束（或停止它）后再打开另一个。</translation>
    </message>
    <message>
        <source>The answer broke off.</source>
        <translation>回答中断了。</translation>
    </message>
    <message>
        <source>This conversation was had with a service no longer in Settings; it goes on with the current service.</source>
        <translation>这段对话所用的服务已不在“设置”中，将改用当前服务继续。</translation>
    </message>
    <message>
        <source>Added to the dataset as a new example (Data tab; Undo takes it back).</source>
        <translation>已作为新样本添加到数据集（在“数据”页；“撤销”可恢复）。</translation>
    </message>
    <message>
        <source>The answer broke off: %1</source>
        <translation>回答中断了：%1</translation>
    </message>
    <message>
        <source>This service does not list its models. Choose “Other model…” and type the model or deployment name.</source>
        <translation>此服务不提供模型列表。请选择“其他模型…”，然后输入模型或部署名称。</translation>
    </message>
    <message>
        <source>This model shuts down on %1; it will stop answering after that date.</source>
        <translation>此模型将于 %1 停用；此后它将不再回答。</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Add to dataset</source>
        <translation>添加到数据集</translation>
    </message>
    <message>
        <source>Editing a message: sending it starts a new branch from there; the old one is kept.</source>
        <translation>正在编辑消息：发送后会从这里开始一个新分支，原来的分支会保留。</translation>
    </message>
</context>
<context>
    <name>CheckpointsModel</name>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Token accuracy</source>
        <translation>token 准确率</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>模型名称</translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <source>Model to compare</source>
        <translation>要对比的模型</translation>
    </message>
    <message>
        <source>Remove this model from the comparison</source>
        <translation>从对比中移除此模型</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Waiting for the answer…</source>
        <translation>正在等待回答…</translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation>正在回答…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>System prompt (optional): use the one you trained with</source>
        <translation>系统提示词（可选）：请使用训练时用的那个</translation>
    </message>
    <message>
        <source>Type a question to ask every model below. Ctrl+Enter sends.</source>
        <translation>输入一个问题，向下面每个模型提问。按 Ctrl+Enter 发送。</translation>
    </message>
    <message>
        <source>Ask all</source>
        <translation>全部提问</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>全部停止</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Random example from the validation split</source>
        <translation>从验证集中随机选一条样本</translation>
    </message>
    <message>
        <source>Add a third model</source>
        <translation>添加第三个模型</translation>
    </message>
    <message>
        <source>Compare three models, for example the base model, your model and one of its checkpoints.</source>
        <translation>对比三个模型，例如基础模型、你的模型和它的一个检查点。</translation>
    </message>
    <message>
        <source>Expected answer (from your data)</source>
        <translation>期望的回答（来自你的数据）</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <source>A row of your validation split: the model was not trained on it.</source>
        <translation>这是验证集中的一行：模型没有用它训练过。</translation>
    </message>
    <message>
        <source>Choose a model for every column first.</source>
        <translation>请先为每一列选择模型。</translation>
    </message>
    <message>
        <source>Add your API key in Settings to compare your models.</source>
        <translation>请先在“设置”中添加 API 密钥，才能对比你的模型。</translation>
    </message>
    <message>
        <source>Ask a question from your validation split (rows the model was not trained on) and show the answer your data expects beside the models&apos; answers.</source>
        <translation>从验证集中选一个问题来提问（模型没有用这些行训练过），并在模型的回答旁显示你的数据所期望的回答。</translation>
    </message>
    <message>
        <source>No data is open.</source>
        <translation>没有打开任何数据。</translation>
    </message>
    <message>
        <source>Your data has no validation split yet. Make one in the Data tab (Split), then try the models on examples they were not trained on.</source>
        <translation>你的数据还没有验证集。请先在“数据”页（划分）中创建验证集，然后用模型没训练过的样本来试试。</translation>
    </message>
    <message>
        <source>Row %1 of your data</source>
        <translation>你的数据中的第 %1 行</translation>
    </message>
</context>
<context>
    <name>ConversationEditor</name>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Row %1 — Conversation</source>
        <translation>第 %1 行 — 对话</translation>
    </message>
    <message>
        <source>System prompt for this row</source>
        <translation>此行的系统提示词</translation>
    </message>
    <message>
        <source>Empty: the dataset&apos;s default system prompt is used: %1</source>
        <translation>留空：将使用数据集的默认系统提示词：%1</translation>
    </message>
    <message>
        <source>Optional: tell the model who it is and how to answer in this conversation.</source>
        <translation>可选：告诉模型它是谁，以及在这段对话中该如何回答。</translation>
    </message>
    <message>
        <source>The messages in order. The model learns to write the answers with “Train on this answer” ticked; the last answer is the one the table shows.</source>
        <translation>按顺序排列的消息。勾选了“用这条回答训练”的回答，模型会学着写出来；表格中显示的是最后一条回答。</translation>
    </message>
    <message>
        <source>Add user message</source>
        <translation>添加用户消息</translation>
    </message>
    <message>
        <source>Add answer</source>
        <translation>添加回答</translation>
    </message>
    <message>
        <source>Rejected answer</source>
        <translation>较差回答</translation>
    </message>
    <message>
        <source>Optional: a worse answer to the last question, for preference (DPO) training.</source>
        <translation>可选：针对最后一个问题的一条较差回答，用于偏好（DPO）训练。</translation>
    </message>
    <message>
        <source>Tools offered (JSON)</source>
        <translation>提供的工具（JSON）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Your own note on this row (never used for training).</source>
        <translation>你自己的备注（不会用于训练）。</translation>
    </message>
    <message>
        <source>Rejected answer (for preference/DPO training)</source>
        <translation>较差回答（用于偏好/DPO 训练）</translation>
    </message>
    <message>
        <source>Keep the changes (Ctrl+Enter)</source>
        <translation>保留修改（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Message %1: %2</source>
        <translation>第 %1 条消息：%2</translation>
    </message>
    <message>
        <source>The conversation is empty: add a user message and an answer.</source>
        <translation>对话为空：请添加一条用户消息和一条回答。</translation>
    </message>
    <message>
        <source>The conversation must end with an answer (assistant message): add an answer, or make the last message one.</source>
        <translation>对话必须以回答（assistant 消息）结尾：请添加一条回答，或把最后一条消息改为回答。</translation>
    </message>
    <message>
        <source>The tools offered must be a JSON list: [ … ].</source>
        <translation>提供的工具必须是 JSON 列表：[ … ]。</translation>
    </message>
    <message>
        <source>The tools offered are not valid JSON (line %1, column %2).</source>
        <translation>提供的工具不是有效的 JSON（第 %1 行，第 %2 列）。</translation>
    </message>
</context>
<context>
    <name>ConversationsModel</name>
    <message>
        <source>(untitled)</source>
        <translation>（未命名）</translation>
    </message>
</context>
<context>
    <name>DataCommands</name>
    <message>
        <source>Edit cell</source>
        <translation>编辑单元格</translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Move row</source>
        <translation>移动行</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open an Excel, CSV, JSONL or JSON file of question/answer pairs</source>
        <translation>打开包含问答对的 Excel、CSV、JSONL 或 JSON 文件</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Copy the selected rows below them</source>
        <translation>在所选行下方复制一份</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Check the examples for problems before training</source>
        <translation>训练前检查样本是否有问题</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Chat JSONL (gpt-4o-mini, gpt-4.1 …)…</source>
        <translation>对话格式 JSONL（gpt-4o-mini、gpt-4.1 …）…</translation>
    </message>
    <message>
        <source>Prompt/completion JSONL (davinci-002, babbage-002)…</source>
        <translation>提示/回答格式 JSONL（davinci-002、babbage-002）…</translation>
    </message>
    <message>
        <source>Preference (DPO) JSONL…</source>
        <translation>偏好训练（DPO）JSONL…</translation>
    </message>
    <message>
        <source>Excel or CSV table…</source>
        <translation>Excel 或 CSV 表格…</translation>
    </message>
    <message>
        <source>&amp;Save dataset</source>
        <translation>保存数据集(&amp;S)</translation>
    </message>
    <message>
        <source>Save the rows with their split, notes and settings as a FineTune Desk dataset (.ftdesk)</source>
        <translation>将这些行连同训练/验证划分、备注和设置一起保存为 FineTune Desk 数据集（.ftdesk）</translation>
    </message>
    <message>
        <source>Save dataset &amp;as…</source>
        <translation>数据集另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Hold out some rows to validate the training (a validation file)</source>
        <translation>留出一部分行来验证训练效果（验证集）</translation>
    </message>
    <message>
        <source>No validation split</source>
        <translation>不留验证集</translation>
    </message>
    <message>
        <source>90% training / 10% validation</source>
        <translation>90% 训练 / 10% 验证</translation>
    </message>
    <message>
        <source>80% training / 20% validation</source>
        <translation>80% 训练 / 20% 验证</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>System prompt for every example (optional), e.g. “You are the tea shop&apos;s assistant.”</source>
        <translation>每条样本都使用的系统提示词（可选），例如“你是茶叶店的助手。”</translation>
    </message>
    <message>
        <source>System prompt:</source>
        <translation>系统提示词：</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Filter rows</source>
        <translation>筛选行</translation>
    </message>
    <message>
        <source>Only rows with problems</source>
        <translation>只看有问题的行</translation>
    </message>
    <message>
        <source>Show only rows the last check found errors or warnings in</source>
        <translation>只显示上次检查发现了错误或提醒的行</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>替换…</translation>
    </message>
    <message>
        <source>Find and replace text in the table</source>
        <translation>在表格中查找并替换文字</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Statistics…</source>
        <translation>统计…</translation>
    </message>
    <message>
        <source>Token counts per example, epochs and cost for the chosen model</source>
        <translation>每条样本的 token 数、训练轮数，以及所选模型的费用</translation>
    </message>
    <message>
        <source>Base model for the checks</source>
        <translation>检查所用的基础模型</translation>
    </message>
    <message>
        <source>The model you will train: its token limit, data format and price are used for the checks</source>
        <translation>你要训练的模型：检查时会用到它的 token 上限、数据格式和价格</translation>
    </message>
    <message>
        <source>Training examples</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <source>Check results</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>目标模型：</translation>
    </message>
    <message>
        <source>Open training examples</source>
        <translation>打开训练样本</translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation>正在读取 %1 …</translation>
    </message>
    <message>
        <source>Opened %1 with %2 examples.</source>
        <translation>已打开 %1，共 %2 条样本。</translation>
    </message>
    <message>
        <source>Preview and choose…</source>
        <translation>预览并选择…</translation>
    </message>
    <message numerus="yes">
        <source>Open the %n readable record(s)</source>
        <translation>
            <numerusform>打开其中可读取的 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Add example from chat</source>
        <translation>从对话添加样本</translation>
    </message>
    <message>
        <source>Added the example from the chat as row %1.</source>
        <translation>已将对话中的样本添加为第 %1 行。</translation>
    </message>
    <message>
        <source>Duplicate rows</source>
        <translation>为行创建副本</translation>
    </message>
    <message>
        <source>Sort by %1</source>
        <translation>按“%1”排序</translation>
    </message>
    <message>
        <source>Move to validation</source>
        <translation>移到验证集</translation>
    </message>
    <message>
        <source>Move to training</source>
        <translation>移到训练集</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Edit as conversation…</source>
        <translation>以对话形式编辑…</translation>
    </message>
    <message>
        <source>Open in editor…</source>
        <translation>在编辑器中打开…</translation>
    </message>
    <message>
        <source>Use for validation</source>
        <translation>用作验证集</translation>
    </message>
    <message>
        <source>Use for training</source>
        <translation>用作训练集</translation>
    </message>
    <message>
        <source>Edit conversation</source>
        <translation>编辑对话</translation>
    </message>
    <message>
        <source>Row %1 — %2</source>
        <translation>第 %1 行 — %2</translation>
    </message>
    <message>
        <source>Rejected answer (preference training)</source>
        <translation>较差回答（偏好训练）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Percent of the rows to hold out for validation:</source>
        <translation>留作验证集的行所占百分比：</translation>
    </message>
    <message>
        <source>Random seed (the same seed picks the same rows):</source>
        <translation>随机种子（种子相同，选出的行也相同）：</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 条，共 %2 条</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s)</source>
        <translation>
            <numerusform>%n 条样本</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 for training, %2 for validation</source>
        <translation>%1 条用于训练，%2 条用于验证</translation>
    </message>
    <message>
        <source>sheet “%1”</source>
        <translation>工作表“%1”</translation>
    </message>
    <message>
        <source>encoding %1</source>
        <translation>编码 %1</translation>
    </message>
    <message>
        <source>No examples yet: open an Excel file (Open…) or add rows by hand.</source>
        <translation>还没有样本：请打开 Excel 文件（打开…），或手动添加行。</translation>
    </message>
    <message>
        <source>Check results: no problems found.</source>
        <translation>检查结果：没有发现问题。</translation>
    </message>
    <message>
        <source>≈ %1 tokens per epoch · %2 epochs</source>
        <translation>≈ 每轮 %1 个 token · 共 %2 轮</translation>
    </message>
    <message>
        <source>about $%1 with %2 (prices of %3)</source>
        <translation>使用 %2 约 $%1（按 %3 的价格）</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) too long for this model</source>
        <translation>
            <numerusform>%n 行对这个模型来说太长</numerusform>
        </translation>
    </message>
    <message>
        <source>Token count unavailable: %1</source>
        <translation>无法计算 token 数：%1</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv);;Tab-separated (*.tsv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 编码 (*.csv);;制表符分隔 (*.tsv)</translation>
    </message>
    <message>
        <source>Export training file</source>
        <translation>导出训练集文件</translation>
    </message>
    <message>
        <source>Nothing left to fix there: the rows changed since the check.</source>
        <translation>那里已没有需要修复的内容：检查之后这些行已被修改。</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>This check result has no one-click fix: edit the row in the table.</source>
        <translation>这条检查结果无法一键修复：请直接在表格中编辑该行。</translation>
    </message>
    <message>
        <source>Select a check result to fix it in one click (Edit → Undo takes it back).</source>
        <translation>选中一条检查结果，即可一键修复（用“编辑 → 撤销”可以恢复）。</translation>
    </message>
    <message>
        <source>The same fix for every row with this problem, as one step to undo</source>
        <translation>对所有存在此问题的行做同样的修复，可一次撤销</translation>
    </message>
    <message>
        <source>Go to row %1</source>
        <translation>转到第 %1 行</translation>
    </message>
    <message>
        <source>No one-click fix for this result</source>
        <translation>此结果无法一键修复</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Show only rows that contain this text anywhere: question, answer, system, rejected answer, note or conversation</source>
        <translation>只显示在任意位置包含这段文字的行：问题、回答、系统提示词、较差回答、备注或对话</translation>
    </message>
    <message>
        <source>Training data (*.ftdesk *.xlsx *.xls *.xlsm *.ods *.csv *.tsv *.jsonl *.json *.txt);;All files (*)</source>
        <translation>训练数据 (*.ftdesk *.xlsx *.xls *.xlsm *.ods *.csv *.tsv *.jsonl *.json *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Check results: %1, %2.</source>
        <translation>检查结果：%1，%2。</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个提醒</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported the training rows to %1 and the validation rows to %2</source>
        <translation>已将训练行导出到 %1，验证行导出到 %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n example(s) to %1</source>
        <translation>
            <numerusform>已将 %n 条样本导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Save dataset</source>
        <translation>保存数据集</translation>
    </message>
    <message>
        <source>FineTune Desk dataset (*.ftdesk)</source>
        <translation>FineTune Desk 数据集 (*.ftdesk)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message numerus="yes">
        <source>Restored %n example(s) you were editing last time.</source>
        <translation>
            <numerusform>已恢复你上次正在编辑的 %n 条样本。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetTableModel</name>
    <message>
        <source>Prompt (question)</source>
        <translation>提示（问题）</translation>
    </message>
    <message>
        <source>Completion (answer)</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>System (optional)</source>
        <translation>系统提示词（可选）</translation>
    </message>
    <message>
        <source>Rejected answer</source>
        <translation>较差回答</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message numerus="yes">
        <source>A conversation of %n message(s); double-click to edit it.</source>
        <translation>
            <numerusform>一段包含 %n 条消息的对话；双击即可编辑。</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练集</translation>
    </message>
    <message numerus="yes">
        <source>%n turn(s)</source>
        <translation>
            <numerusform>%n 轮</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · tools</source>
        <translation>%1 · 工具</translation>
    </message>
    <message>
        <source>Add rows</source>
        <translation>添加行</translation>
    </message>
</context>
<context>
    <name>DistributionModel</name>
    <message>
        <source>Messages per example</source>
        <translation>每条样本的消息数</translation>
    </message>
    <message>
        <source>Tokens per example</source>
        <translation>每条样本的 token 数</translation>
    </message>
    <message>
        <source>Answer tokens per example</source>
        <translation>每条样本的回答 token 数</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>P10</source>
        <translation>10% 分位数</translation>
    </message>
    <message>
        <source>P90</source>
        <translation>90% 分位数</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Could not upload the training file</source>
        <translation>无法上传训练集文件</translation>
    </message>
    <message>
        <source>Could not create the training job</source>
        <translation>无法创建训练任务</translation>
    </message>
    <message>
        <source>Could not load the job list</source>
        <translation>无法加载任务列表</translation>
    </message>
    <message>
        <source>Could not load the job</source>
        <translation>无法加载任务</translation>
    </message>
    <message>
        <source>Could not cancel the job</source>
        <translation>无法取消任务</translation>
    </message>
    <message>
        <source>Could not pause the job</source>
        <translation>无法暂停任务</translation>
    </message>
    <message>
        <source>Could not resume the job</source>
        <translation>无法继续任务</translation>
    </message>
    <message>
        <source>Could not load the job&apos;s events</source>
        <translation>无法加载任务的事件</translation>
    </message>
    <message>
        <source>Could not load the model list</source>
        <translation>无法加载模型列表</translation>
    </message>
    <message>
        <source>Could not load the job&apos;s checkpoints</source>
        <translation>无法加载任务的检查点</translation>
    </message>
    <message>
        <source>Could not load the uploaded files</source>
        <translation>无法加载已上传的文件</translation>
    </message>
    <message>
        <source>Could not delete the file</source>
        <translation>无法删除文件</translation>
    </message>
    <message>
        <source>Could not download the file</source>
        <translation>无法下载文件</translation>
    </message>
    <message>
        <source>Could not delete the model</source>
        <translation>无法删除模型</translation>
    </message>
    <message>
        <source>The model did not answer</source>
        <translation>模型没有回应</translation>
    </message>
    <message>
        <source>Connection test failed</source>
        <translation>连接测试失败</translation>
    </message>
    <message>
        <source>The service reported a problem</source>
        <translation>服务报告了一个问题</translation>
    </message>
    <message>
        <source>This service does not offer this feature, so it has been hidden.</source>
        <translation>此服务不提供该功能，因此已将其隐藏。</translation>
    </message>
    <message>
        <source>The service did not accept the API key. Check the key in Settings (it may be mistyped or revoked).</source>
        <translation>服务没有接受此 API 密钥。请在“设置”中检查密钥（可能输错了，或已被撤销）。</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this. Check the organization, project and key&apos;s role.</source>
        <translation>你的账号无权执行此操作。请检查组织、项目以及密钥的角色。</translation>
    </message>
    <message>
        <source>The model “%1” is not available on this service: it may have been deleted, or its name is wrong. Choose another model.</source>
        <translation>模型“%1”在此服务上不可用：它可能已被删除，或名称有误。请选择其他模型。</translation>
    </message>
    <message>
        <source>The service could not find it. It may have been deleted, or the address in Settings is wrong.</source>
        <translation>服务找不到所请求的内容。它可能已被删除，或“设置”中的地址有误。</translation>
    </message>
    <message>
        <source>The service rejected the request.</source>
        <translation>服务拒绝了此请求。</translation>
    </message>
    <message>
        <source>The service refused because the item changed meanwhile (for example the job already ended).</source>
        <translation>服务拒绝了此操作，因为相关内容在此期间已发生变化（例如任务已经结束）。</translation>
    </message>
    <message>
        <source>The service is busy or your quota is used up. Try again in %1 s.</source>
        <translation>服务繁忙，或你的额度已用完。请在 %1 秒后重试。</translation>
    </message>
    <message>
        <source>The service is busy or your quota is used up. Try again in a moment.</source>
        <translation>服务繁忙，或你的额度已用完。请稍后重试。</translation>
    </message>
    <message>
        <source>The service had an internal problem. This is usually temporary: try again in a moment.</source>
        <translation>服务内部出现问题。这通常是暂时的：请稍后重试。</translation>
    </message>
    <message>
        <source>The service is busy or your quota is used up. The app will try again in %1 s.</source>
        <translation>服务繁忙，或你的额度已用完。程序将在 %1 秒后自动重试。</translation>
    </message>
    <message>
        <source>The service is busy or your quota is used up. The app will try again shortly.</source>
        <translation>服务繁忙，或你的额度已用完。程序稍后会自动重试。</translation>
    </message>
    <message>
        <source>The service had an internal problem. This is usually temporary; the app will try again.</source>
        <translation>服务内部出现问题。这通常是暂时的，程序会自动重试。</translation>
    </message>
    <message>
        <source>The service took too long to answer. Check your connection, then try again.</source>
        <translation>服务响应超时。请检查网络连接，然后重试。</translation>
    </message>
    <message>
        <source>The service took too long to answer. Check your connection; the app will try again.</source>
        <translation>服务响应超时。请检查网络连接，程序会自动重试。</translation>
    </message>
    <message>
        <source>Could not reach the service. Check your internet connection and the address in Settings.</source>
        <translation>无法连接到服务。请检查网络连接以及“设置”中的地址。</translation>
    </message>
    <message>
        <source>The service&apos;s answer could not be read, so it is not known whether this was done: look at the list before trying again. A proxy or gateway in between, or an address in Settings that is not an OpenAI-compatible service, usually causes this.</source>
        <translation>无法读取服务的回复，因此无法确定此操作是否已完成：请先查看列表，再决定是否重试。这通常是因为中间有代理或网关，或者“设置”中填写的地址不是兼容 OpenAI 的服务。</translation>
    </message>
    <message>
        <source>The service&apos;s answer could not be read. A proxy or gateway in between, or an address in Settings that is not an OpenAI-compatible service, usually causes this.</source>
        <translation>无法读取服务的回复。这通常是因为中间有代理或网关，或者“设置”中填写的地址不是兼容 OpenAI 的服务。</translation>
    </message>
    <message>
        <source>The service&apos;s answer could not be read. A proxy or gateway in between, or an address in Settings that is not an OpenAI-compatible service, usually causes this; the app will try again.</source>
        <translation>无法读取服务的回复。这通常是因为中间有代理或网关，或者“设置”中填写的地址不是兼容 OpenAI 的服务；程序会自动重试。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong.</source>
        <translation>发生了意外错误。</translation>
    </message>
    <message>
        <source>The service said: %1</source>
        <translation>服务返回的信息：%1</translation>
    </message>
    <message>
        <source>request id %1</source>
        <translation>请求 ID %1</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>The table needs a prompt (question) column and a completion (answer) column. Found: %1</source>
        <translation>表格需要有一列提示（问题）和一列回答。找到的列：%1</translation>
    </message>
    <message>
        <source>This line is not valid JSON.</source>
        <translation>这一行不是有效的 JSON。</translation>
    </message>
    <message>
        <source>The file&apos;s text encoding could not be recognised.</source>
        <translation>无法识别文件的文字编码。</translation>
    </message>
    <message>
        <source>This text encoding is not known.</source>
        <translation>无法识别这种文字编码。</translation>
    </message>
    <message>
        <source>The file has no examples.</source>
        <translation>文件中没有样本。</translation>
    </message>
    <message>
        <source>This kind of file cannot be opened. Use .xlsx, .xls, .csv, .tsv, .jsonl, .json or .txt.</source>
        <translation>无法打开这种类型的文件。请使用 .xlsx、.xls、.csv、.tsv、.jsonl、.json 或 .txt 文件。</translation>
    </message>
    <message>
        <source>The chosen column “%1” is not in the file. Found: %2</source>
        <translation>所选的列“%1”不在文件中。找到的列：%2</translation>
    </message>
    <message>
        <source>The conversation ends after its last answer; nothing would be trained on the last messages.</source>
        <translation>这段对话在最后一条回答之后还有消息；这些末尾的消息不会被用于训练。</translation>
    </message>
    <message>
        <source>A message has a field OpenAI does not accept: %1</source>
        <translation>某条消息包含 OpenAI 不接受的字段：%1</translation>
    </message>
    <message>
        <source>A message holds an image or other non-text part; only text can be trained here.</source>
        <translation>某条消息包含图片或其他非文本内容；这里只能用文本进行训练。</translation>
    </message>
    <message>
        <source>A message&apos;s weight must be 0 or 1, and only answers (assistant messages) have one.</source>
        <translation>消息的权重只能是 0 或 1，并且只有回答（assistant 消息）才能设置权重。</translation>
    </message>
    <message>
        <source>The conversation column of this row is damaged.</source>
        <translation>此行的对话列已损坏。</translation>
    </message>
    <message>
        <source>Example %1 has no rejected answer, which preference (DPO) training needs.</source>
        <translation>样本 %1 没有“较差回答”，而偏好训练（DPO）需要这一项。</translation>
    </message>
    <message>
        <source>Example %1 is a conversation; davinci-002 and babbage-002 train on single question-answer pairs only.</source>
        <translation>样本 %1 是一段对话；davinci-002 和 babbage-002 只能用单个问答对进行训练。</translation>
    </message>
    <message>
        <source>This FineTune Desk dataset file is damaged or from another program.</source>
        <translation>这个 FineTune Desk 数据集文件已损坏，或来自其他程序。</translation>
    </message>
    <message>
        <source>The workbook is protected with a password. Open it in Excel, remove the password (File → Info → Protect Workbook), save it, and open it here again.</source>
        <translation>该工作簿设有密码保护。请在 Excel 中打开它，移除密码（文件 → 信息 → 保护工作簿），保存后再在这里重新打开。</translation>
    </message>
    <message>
        <source>The file is really %1 with the wrong name. Rename it to end with %2 and open it again.</source>
        <translation>这个文件实际上是 %1，但文件名不对。请把它重命名为以 %2 结尾，然后重新打开。</translation>
    </message>
    <message>
        <source>This is not a text file (it looks like %1). Save it from its program as CSV or JSONL.</source>
        <translation>这不是文本文件（看起来是 %1）。请在原来的程序中把它另存为 CSV 或 JSONL。</translation>
    </message>
    <message>
        <source>The file is %1; files over %2 cannot be trained on, so they are not opened.</source>
        <translation>文件大小为 %1；超过 %2 的文件无法用于训练，因此不会打开。</translation>
    </message>
    <message>
        <source>This example is in no known format (messages, prompt/completion, instruction/output, conversations).</source>
        <translation>这条样本不属于任何已知格式（messages、prompt/completion、instruction/output、conversations）。</translation>
    </message>
    <message>
        <source>The workbook has no sheet of that name.</source>
        <translation>工作簿中没有这个名称的工作表。</translation>
    </message>
    <message>
        <source>OpenAI no longer lets this account start fine-tuning jobs. Since May 2026 new organisations cannot fine-tune; since July 2026 neither can organisations that have not used a fine-tuned model in the last 60 days; from 6 January 2027 nobody can start new jobs (models already trained keep working). Your data is safe: export it from the Data tab, try another OpenAI-compatible service in Settings, or keep learning in Practice mode.</source>
        <translation>OpenAI 已不再允许此账号发起微调训练任务。自 2026 年 5 月起，新组织无法进行微调；自 2026 年 7 月起，最近 60 天内没有使用过微调模型的组织也无法进行微调；从 2027 年 1 月 6 日起，任何人都无法再发起新的训练任务（已训练好的模型仍可继续使用）。你的数据不会丢失：可以在“数据”页导出数据，在“设置”中换用其他兼容 OpenAI 的服务，或在练习模式中继续学习。</translation>
    </message>
    <message>
        <source>The Excel file is damaged or not really an Excel file.</source>
        <translation>该 Excel 文件已损坏，或者并不是真正的 Excel 文件。</translation>
    </message>
    <message>
        <source>The CSV file is malformed (check its quotes).</source>
        <translation>CSV 文件格式有误（请检查其中的引号）。</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <source>The file does not contain a list of examples.</source>
        <translation>文件中没有样本列表。</translation>
    </message>
    <message>
        <source>A message needs a role and text content.</source>
        <translation>消息需要有角色和文本内容。</translation>
    </message>
    <message>
        <source>This example has no assistant answer.</source>
        <translation>这条样本没有助手（assistant）的回答。</translation>
    </message>
    <message>
        <source>This cell contains a control character that Excel files cannot hold.</source>
        <translation>此单元格包含 Excel 文件无法保存的控制字符。</translation>
    </message>
    <message>
        <source>This cell is longer than Excel&apos;s 32,767 characters.</source>
        <translation>此单元格的长度超过了 Excel 的上限 32,767 个字符。</translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation>无法写入该文件。</translation>
    </message>
    <message>
        <source>Every prompt is the same, so a legacy model could not tell them apart. Vary the questions.</source>
        <translation>所有提示都完全相同，旧版模型无法区分它们。请让问题各不相同。</translation>
    </message>
    <message>
        <source>Every answer is the same, so there is nothing to learn. Vary the answers.</source>
        <translation>所有回答都完全相同，模型学不到任何东西。请让回答各不相同。</translation>
    </message>
    <message>
        <source>There are no examples yet.</source>
        <translation>还没有样本。</translation>
    </message>
    <message>
        <source>The saved work could not be read back.</source>
        <translation>无法读回已保存的工作内容。</translation>
    </message>
    <message>
        <source>%1 records could not be read in all (lines %2).</source>
        <translation>共有 %1 条记录无法读取（第 %2 行）。</translation>
    </message>
    <message>
        <source>Could not use the file</source>
        <translation>无法使用该文件</translation>
    </message>
    <message>
        <source>Conversations are not being kept</source>
        <translation>对话记录未保存</translation>
    </message>
    <message>
        <source>The history was written by a newer version of FineTune Desk: it is shown, but nothing new is kept. Update the app to keep conversations again.</source>
        <translation>历史记录是由更新版本的 FineTune Desk 写入的：可以查看，但不会保存新的内容。请更新本程序，以便重新保存对话。</translation>
    </message>
    <message>
        <source>The conversation history could not be read or written</source>
        <translation>无法读取或写入对话历史记录</translation>
    </message>
    <message>
        <source>Chatting still works. Check that the disk has room and this file can be written: %1</source>
        <translation>对话功能仍可正常使用。请检查磁盘空间是否充足，以及此文件是否可以写入：%1</translation>
    </message>
    <message>
        <source>The model&apos;s tokenizer is not known to this version of the app.</source>
        <translation>此版本的应用不认识该模型的分词器。</translation>
    </message>
    <message>
        <source>The tokenizer file %1 is damaged. Reinstall the app.</source>
        <translation>分词器文件 %1 已损坏。请重新安装本应用。</translation>
    </message>
    <message>
        <source>The tokenizer file %1 is missing. Reinstall the app.</source>
        <translation>缺少分词器文件 %1。请重新安装本应用。</translation>
    </message>
    <message>
        <source>Tokens could not be counted</source>
        <translation>无法统计 token 数</translation>
    </message>
    <message>
        <source>A file could not be read or written</source>
        <translation>无法读取或写入某个文件</translation>
    </message>
    <message>
        <source>Something unexpected went wrong</source>
        <translation>发生了意外错误</translation>
    </message>
    <message>
        <source>The app kept running. Details were written to the log.</source>
        <translation>程序仍在正常运行。详细信息已写入日志。</translation>
    </message>
</context>
<context>
    <name>FilesDialog</name>
    <message>
        <source>Uploaded files</source>
        <translation>已上传的文件</translation>
    </message>
    <message>
        <source>Files you uploaded stay on the service until you delete them. Deleting a training file does not affect models already trained from it.</source>
        <translation>上传的文件会一直保存在服务商那里，直到你删除。删除训练集文件不会影响已经用它训练出的模型。</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected files from the service.</source>
        <translation>从服务商那里删除所选文件。</translation>
    </message>
    <message>
        <source>Loading the list of files…</source>
        <translation>正在加载文件列表…</translation>
    </message>
    <message>
        <source>Delete “%1” (%2) from the service? This cannot be undone.</source>
        <translation>要从服务商那里删除“%1”（%2）吗？此操作无法撤销。</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n file(s) from the service? This cannot be undone.</source>
        <translation>
            <numerusform>要从服务商那里删除 %n 个文件吗？此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete files</source>
        <translation>删除文件</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n file(s).</source>
        <translation>
            <numerusform>已删除 %n 个文件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1 in all.</source>
        <translation>
            <numerusform>共 %n 个文件，总计 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>No files are stored on this service.</source>
        <translation>此服务上没有保存任何文件。</translation>
    </message>
    <message>
        <source>This service does not list uploaded files, so they cannot be shown here.</source>
        <translation>此服务不提供已上传文件的列表，因此无法在这里显示。</translation>
    </message>
</context>
<context>
    <name>FilesTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>已上传</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>Training results</source>
        <translation>训练结果</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <source>Find and replace</source>
        <translation>查找和替换</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>Replace with:</source>
        <translation>替换为：</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message numerus="yes">
        <source>A filter is active: replaces only in the %n row(s) shown</source>
        <translation>
            <numerusform>已启用筛选：只在当前显示的 %n 行中替换</numerusform>
        </translation>
    </message>
    <message>
        <source>(of %1). Clear the filter to replace everywhere.</source>
        <translation>（共 %1 行）。清除筛选后即可在所有行中替换。</translation>
    </message>
    <message numerus="yes">
        <source>Replaces in all %n row(s): prompt, completion, system, rejected answer and note.</source>
        <translation>
            <numerusform>在全部 %n 行中替换：问题、回答、系统提示词、较差回答和备注。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replaced in %n cell(s). Edit → Undo puts them back.</source>
        <translation>
            <numerusform>已在 %n 个单元格中替换。可用“编辑 → 撤销”恢复。</numerusform>
        </translation>
    </message>
    <message>
        <source>No cell contains that text.</source>
        <translation>没有单元格包含该文本。</translation>
    </message>
</context>
<context>
    <name>FixWords</name>
    <message>
        <source>Remove duplicate row %1</source>
        <translation>删除重复的第 %1 行</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n duplicate row(s)</source>
        <translation>
            <numerusform>删除重复的 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove row %1 (no question)</source>
        <translation>删除第 %1 行（缺少问题）</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n row(s) without a question</source>
        <translation>
            <numerusform>删除缺少问题的 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove row %1 (no answer)</source>
        <translation>删除第 %1 行（缺少回答）</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n row(s) without an answer</source>
        <translation>
            <numerusform>删除缺少回答的 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Trim spaces in row %1</source>
        <translation>去掉第 %1 行首尾的空格</translation>
    </message>
    <message numerus="yes">
        <source>Trim spaces in %n row(s)</source>
        <translation>
            <numerusform>去掉 %n 行首尾的空格</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove %1 from row %2</source>
        <translation>从第 %2 行删除 %1</translation>
    </message>
    <message numerus="yes">
        <source>Remove special tokens from %n row(s)</source>
        <translation>
            <numerusform>删除 %n 行中的特殊 token</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove long row %1</source>
        <translation>删除过长的第 %1 行</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n long example(s)</source>
        <translation>
            <numerusform>删除过长的 %n 条样本</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove conversation row %1</source>
        <translation>删除对话形式的第 %1 行</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n conversation row(s)</source>
        <translation>
            <numerusform>删除对话形式的 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Lower-case all prompts</source>
        <translation>把所有提示改为小写</translation>
    </message>
    <message>
        <source>Lower-case all completions</source>
        <translation>把所有回答改为小写</translation>
    </message>
    <message>
        <source>Remove “%1” from every prompt</source>
        <translation>从每个提示中删除“%1”</translation>
    </message>
    <message>
        <source>Remove “%1” from every answer</source>
        <translation>从每个回答中删除“%1”</translation>
    </message>
    <message>
        <source>Always end prompts with “%1”</source>
        <translation>让每个提示都以“%1”结尾</translation>
    </message>
    <message>
        <source>Always end answers with “%1”</source>
        <translation>让每个回答都以“%1”结尾</translation>
    </message>
    <message numerus="yes">
        <source>Start %n answer(s) with a space</source>
        <translation>
            <numerusform>让 %n 个回答以空格开头</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuidePanel</name>
    <message>
        <source>Getting started</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>Getting started guide</source>
        <translation>快速入门指南</translation>
    </message>
    <message>
        <source>Train your first model in a few minutes: each step below does one thing and ticks itself off when it is done.</source>
        <translation>几分钟就能训练出你的第一个模型：下面每一步只做一件事，做完会自动打勾。</translation>
    </message>
    <message>
        <source>All done: you trained a model and talked to it. Next, open your own Excel file of questions and answers (File ▸ Open) and go through the same steps.</source>
        <translation>全部完成：你训练了一个模型，还和它聊过了。接下来，打开你自己的问答 Excel 文件（文件 ▸ 打开样本），按同样的步骤再做一遍。</translation>
    </message>
    <message>
        <source>Reopen it any time from Help.</source>
        <translation>随时可以在“帮助”菜单中重新打开。</translation>
    </message>
    <message>
        <source>Close guide</source>
        <translation>关闭指南</translation>
    </message>
    <message>
        <source>Close the getting started guide</source>
        <translation>关闭快速入门指南</translation>
    </message>
    <message>
        <source>Choose where to train</source>
        <translation>选择在哪里训练</translation>
    </message>
    <message>
        <source>Practice mode trains a simulated model on this computer: free, no key needed, the whole flow in a minute. A real service (OpenAI, Azure OpenAI or a compatible server) trains real models and charges for it.</source>
        <translation>练习模式在这台电脑上模拟训练：免费、不需要密钥，一分钟就能走完整个流程。真实服务（OpenAI、Azure OpenAI 或兼容的服务器）会训练真正的模型，并且收费。</translation>
    </message>
    <message>
        <source>Use Practice mode</source>
        <translation>使用练习模式</translation>
    </message>
    <message>
        <source>Connect a service…</source>
        <translation>连接服务…</translation>
    </message>
    <message>
        <source>Connect a real service</source>
        <translation>连接真实服务</translation>
    </message>
    <message>
        <source>Enter and test your API key</source>
        <translation>填写并测试 API 密钥</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>打开设置…</translation>
    </message>
    <message>
        <source>Open Settings to enter the key</source>
        <translation>打开设置，填写密钥</translation>
    </message>
    <message>
        <source>Open the sample examples</source>
        <translation>打开示例样本</translation>
    </message>
    <message>
        <source>A small Excel file of questions and answers for a tea house, like the ones you will write. Each row is one example the model learns from.</source>
        <translation>一个小小的 Excel 文件，里面是一家茶馆的问题和回答，和你以后要写的差不多。每一行就是模型要学的一条样本。</translation>
    </message>
    <message>
        <source>Open the sample</source>
        <translation>打开示例</translation>
    </message>
    <message>
        <source>Check the examples</source>
        <translation>检查样本</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>Check the examples now</source>
        <translation>立即检查样本</translation>
    </message>
    <message>
        <source>Start a training job</source>
        <translation>开始训练任务</translation>
    </message>
    <message>
        <source>Choose a base model (the model yours starts from) and a suffix (a short name added to your model&apos;s name, such as tea), then start. The cost is shown before you do; Practice mode costs nothing.</source>
        <translation>选择一个基础模型（你的模型从它开始训练）和一个模型名后缀（加在你的模型名称里的简短名字，例如“茶舍”），然后开始。开始之前会先显示费用；练习模式不花钱。</translation>
    </message>
    <message>
        <source>New job…</source>
        <translation>新建任务…</translation>
    </message>
    <message>
        <source>Start a new training job</source>
        <translation>新建一个训练任务</translation>
    </message>
    <message>
        <source>Follow the training</source>
        <translation>查看训练进展</translation>
    </message>
    <message>
        <source>The Jobs tab tells the job&apos;s story: waiting in the queue, each epoch (one pass over all your examples), checkpoints (copies of the model saved along the way) and, at the end, your new model&apos;s name.</source>
        <translation>“训练”页会讲述任务的经过：排队等待、每一轮训练（把你的所有样本完整学一遍）、检查点（训练途中保存的模型副本），最后是你的新模型的名称。</translation>
    </message>
    <message>
        <source>Show the job</source>
        <translation>查看任务</translation>
    </message>
    <message>
        <source>Chat with your model</source>
        <translation>和你的模型对话</translation>
    </message>
    <message>
        <source>Ask it one of the questions from your examples and see whether it answers the way you taught it.</source>
        <translation>从你的样本里挑一个问题问它，看看它是不是按你教的方式回答。</translation>
    </message>
    <message>
        <source>Chat with it</source>
        <translation>和它对话</translation>
    </message>
    <message>
        <source>Chat with your new model</source>
        <translation>和你的新模型对话</translation>
    </message>
    <message>
        <source>Not needed in Practice mode.</source>
        <translation>练习模式不需要密钥。</translation>
    </message>
    <message>
        <source>In Settings, paste the key your service gave you and press “Test connection”. The key is kept in your system&apos;s keyring, never in a file.</source>
        <translation>在“设置”中粘贴服务商给你的密钥，然后点“测试连接”。密钥保存在系统钥匙串中，绝不会写进文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s) must be fixed first: they are listed under the table, most with a Fix button.</source>
        <translation>
            <numerusform>需要先修复 %n 个错误：它们列在表格下方，大多可以点“修复”按钮一键修复。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every row is checked: errors must be fixed before training, warnings are advice. The results are listed under the table, most with a one-click Fix.</source>
        <translation>每一行都会检查：错误必须在训练前修复，提醒只是建议。结果列在表格下方，大多可以一键修复。</translation>
    </message>
    <message>
        <source>%1 of %2 steps done</source>
        <translation>已完成 %1/%2 步</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>HelpButton</name>
    <message>
        <source>What is “%1”?</source>
        <translation>“%1”是什么意思？</translation>
    </message>
</context>
<context>
    <name>HelpTerms</name>
    <message>
        <source>Epoch</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>模型名后缀</translation>
    </message>
    <message>
        <source>Separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>Ending</source>
        <translation>结束标记</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning-rate multiplier</source>
        <translation>学习率倍数</translation>
    </message>
    <message>
        <source>Validation examples</source>
        <translation>验证样本</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>token</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Context messages</source>
        <translation>上下文消息数</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>损失与准确率</translation>
    </message>
    <message>
        <source>One pass of the training over all your examples. More epochs make the model stick closer to your answers; too many and it only repeats them. 3 is a good start; each epoch costs the same.</source>
        <translation>训练把你的所有样本完整学一遍，就是一轮。轮数越多，模型越贴近你的回答；太多的话，它就只会照搬原话。一般从 3 轮开始；每一轮的费用都一样。</translation>
    </message>
    <message>
        <source>A short name of your choice added to your new model&apos;s name, so you can tell your models apart, e.g. tea. Letters (Chinese too), digits, -, _ and . only, at most 64.</source>
        <translation>你自己起的一个短名字，会加在新模型的名称里，方便区分你的各个模型，例如“茶舍”。只能用字母（包括汉字）、数字、-、_ 和 .，最多 64 个字符。</translation>
    </message>
    <message>
        <source>A fixed mark added to the end of every question, such as -&gt;, so an older model knows where the question ends and its answer begins. The app adds it for you, when training and when chatting.</source>
        <translation>加在每个问题末尾的固定记号（例如 -&gt;），让旧式模型知道问题在哪里结束、回答从哪里开始。训练和对话时，程序都会自动帮你加上。</translation>
    </message>
    <message>
        <source>A fixed mark added to the end of every answer, such as a line break, so an older model learns where to stop. The app adds it for you, and stops the answer there when chatting.</source>
        <translation>加在每个回答末尾的固定记号（例如一个换行），让旧式模型学会在哪里停下。程序会自动帮你加上，对话时也会在这里结束回答。</translation>
    </message>
    <message>
        <source>A copy of the model saved during training, e.g. after each epoch. If the last one learned too much by heart, an earlier checkpoint may answer better: you can chat with each.</source>
        <translation>训练过程中保存的模型副本，例如每一轮结束时保存一个。如果最后的模型死记硬背得太多，较早的检查点可能回答得更好：每个检查点你都可以和它对话。</translation>
    </message>
    <message>
        <source>The ready-made model your training starts from. Yours keeps what it knows and learns your examples&apos; way of answering. Bigger models learn better and cost more.</source>
        <translation>训练开始时用的现成模型。你的模型会保留它已有的知识，再学会你的样本的回答方式。越大的模型学得越好，费用也越高。</translation>
    </message>
    <message>
        <source>How many examples the training looks at before each small correction of the model. Leave it on automatic unless you know why to change it.</source>
        <translation>训练每看多少条样本，就对模型做一次小小的调整。除非你清楚为什么要改，否则保持“自动”即可。</translation>
    </message>
    <message>
        <source>How big each correction is. Larger learns faster but can overshoot; smaller is gentler. Automatic is right for most data.</source>
        <translation>每次调整的幅度有多大。越大学得越快，但可能调过头；越小越稳妥。对大多数数据来说，“自动”就合适。</translation>
    </message>
    <message>
        <source>Examples kept out of the training and used only to test the model as it learns. If the model does well on them, it has learned your style rather than the answers by heart.</source>
        <translation>不参加训练、只用来在训练过程中测试模型的样本。如果模型在这些样本上表现也好，说明它学会了你的风格，而不是死记答案。</translation>
    </message>
    <message>
        <source>An instruction given to the model before every conversation, e.g. “You are the tea house&apos;s assistant”. Use the same one when training and when chatting.</source>
        <translation>每次对话前先交给模型的说明，例如“你是茶舍的客服助手”。训练和对话时请使用同一个系统提示词。</translation>
    </message>
    <message>
        <source>The pieces text is cut into for a model: about one Chinese character, or three quarters of an English word. Training and chatting are priced per token.</source>
        <translation>模型把文字切成的小块：大约一个汉字，或者四分之三个英文单词。训练和对话都按 token 计费。</translation>
    </message>
    <message>
        <source>How adventurous the answers are: low keeps them close to the most likely words, high makes them more varied (and more often wrong).</source>
        <translation>回答有多大胆：调低会让回答贴近最可能的用词，调高会让回答更多样（也更容易出错）。</translation>
    </message>
    <message>
        <source>Another way to limit how adventurous answers are: only the most likely words that together make up this share are considered. Change either this or temperature, not both.</source>
        <translation>另一种控制回答大胆程度的方式：只考虑最可能出现的那些词，它们的可能性加起来占这个比例。只调这一项或“温度”，不要两个都调。</translation>
    </message>
    <message>
        <source>How many earlier messages of the conversation are sent along with each question, so the model remembers what was said.</source>
        <translation>每次提问时，一起发送这段对话中之前的多少条消息，让模型记得前面说过什么。</translation>
    </message>
    <message>
        <source>Loss measures how far the model&apos;s answers are from yours: it should go down. Accuracy is the share of words it gets right: it should go up. Validation lines that rise again mean the model started learning by heart.</source>
        <translation>损失衡量模型的回答和你的回答差多远：应该越来越低。准确率是它答对的词所占的比例：应该越来越高。如果验证集的曲线又往上走，说明模型开始死记硬背了。</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话列表</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>As Markdown (.md)…</source>
        <translation>Markdown 格式 (.md)…</translation>
    </message>
    <message>
        <source>As JSON (.json)…</source>
        <translation>JSON 格式 (.json)…</translation>
    </message>
    <message>
        <source>The conversation history file was damaged, so a new, empty one was started. The old file was kept, untouched, as %1.</source>
        <translation>对话记录文件已损坏，已新建一个空文件。旧文件原样保留为 %1。</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation>要删除“%1”及其所有消息吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import “%1”</source>
        <translation>导入“%1”</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>文本编码：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>How the file&apos;s bytes become characters. Choose the one that makes the preview readable.</source>
        <translation>决定如何把文件内容转换成文字。请选择能让预览正常显示的那一种。</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Which column holds what?</source>
        <translation>每一列分别是什么内容？</translation>
    </message>
    <message>
        <source>Choose a column…</source>
        <translation>选择一列…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 (required):</source>
        <translation>%1（必填）：</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>%1 (detected)</source>
        <translation>%1（自动识别）</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) below the header</source>
        <translation>
            <numerusform>表头下方有 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>header in row %1</source>
        <translation>表头在第 %1 行</translation>
    </message>
    <message numerus="yes">
        <source>showing the first %n</source>
        <translation>
            <numerusform>显示前 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This workbook has %n sheet(s): choose the one that holds the examples.</source>
        <translation>
            <numerusform>此工作簿有 %n 个工作表：请选择包含样本的那一个。</numerusform>
        </translation>
    </message>
    <message>
        <source>The file is not UTF-8; it was read as %1. If the text looks wrong, choose another encoding.</source>
        <translation>该文件不是 UTF-8 编码，已按 %1 读取。如果文字显示不正常，请换一种编码。</translation>
    </message>
    <message>
        <source>Only the start of this large file is shown.</source>
        <translation>文件较大，只显示了开头部分。</translation>
    </message>
    <message>
        <source>Another column has the same name; rename one of them in the file to use this one.</source>
        <translation>另一列也叫这个名字；要使用这一列，请先在文件中把其中一列改名。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>This sheet is empty. Choose another sheet.</source>
        <translation>此工作表是空的，请选择其他工作表。</translation>
    </message>
    <message>
        <source>The file has no data.</source>
        <translation>文件中没有数据。</translation>
    </message>
    <message>
        <source>Choose which column holds the questions and which the answers.</source>
        <translation>请选择哪一列是问题，哪一列是回答。</translation>
    </message>
    <message>
        <source>Choose which column holds the questions.</source>
        <translation>请选择哪一列是问题。</translation>
    </message>
    <message>
        <source>Choose which column holds the answers.</source>
        <translation>请选择哪一列是回答。</translation>
    </message>
    <message>
        <source>Column “%1” is chosen for both %2 and %3; each column can hold one thing.</source>
        <translation>“%1”列同时被选作“%2”和“%3”；每一列只能对应一项内容。</translation>
    </message>
    <message>
        <source>Questions from “%1”, answers from “%2”.</source>
        <translation>问题取自“%1”列，回答取自“%2”列。</translation>
    </message>
    <message>
        <source>The app did not recognise the question and answer columns of this file by their names. Choose which column holds the questions and which the answers.</source>
        <translation>程序无法根据列名认出此文件中的问题列和回答列。请选择哪一列是问题，哪一列是回答。</translation>
    </message>
    <message>
        <source>The column “%1” is not in the file any more. Choose the columns again.</source>
        <translation>文件中已经没有“%1”这一列了。请重新选择列。</translation>
    </message>
    <message>
        <source>The text could not be read (line %1). Choose the encoding that makes the preview readable.</source>
        <translation>无法读取文本（第 %1 行）。请选择能让预览正常显示的编码。</translation>
    </message>
    <message>
        <source>The text could not be read. Choose the encoding that makes the preview readable.</source>
        <translation>无法读取文本。请选择能让预览正常显示的编码。</translation>
    </message>
    <message>
        <source>“%1” is not a text encoding this computer knows.</source>
        <translation>这台电脑不认识“%1”这种文本编码。</translation>
    </message>
    <message>
        <source>Line %1 cannot be read as %2. Choose another encoding.</source>
        <translation>第 %1 行无法按 %2 读取。请换一种编码。</translation>
    </message>
    <message>
        <source>The text encoding could not be recognised (line %1). Choose an encoding above.</source>
        <translation>无法识别文本编码（第 %1 行）。请在上方选择一种编码。</translation>
    </message>
    <message>
        <source>Question / prompt</source>
        <translation>问题 / 提示</translation>
    </message>
    <message>
        <source>Answer / completion</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Rejected answer (DPO)</source>
        <translation>较差回答（DPO）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Split (train / validation)</source>
        <translation>划分（训练集 / 验证集）</translation>
    </message>
    <message>
        <source>Conversation (JSON)</source>
        <translation>对话（JSON）</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>Imported as: %1</source>
        <translation>导入为：%1</translation>
    </message>
</context>
<context>
    <name>IssueWords</name>
    <message numerus="yes">
        <source>%n example(s) have no system message. A system prompt for every row (above the table) usually helps.</source>
        <translation>
            <numerusform>%n 条样本没有系统消息。为每一行设置系统提示词（在表格上方）通常会有帮助。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n empty row(s).</source>
        <translation>
            <numerusform>已跳过 %n 个空行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ignored column(s) %1: only prompt, completion and system are used.</source>
        <translation>
            <numerusform>已忽略列 %1：只会用到 prompt、completion 和 system 这几列。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) do not start with a space; with the legacy models&apos; tokenizer a leading space works better.</source>
        <translation>
            <numerusform>有 %n 个回答不是以空格开头；使用旧版模型的分词器时，回答以空格开头效果更好。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Issues</name>
    <message>
        <source>The dataset has no examples yet.</source>
        <translation>数据集中还没有样本。</translation>
    </message>
    <message>
        <source>Only %1 examples: training needs at least %2. Add more rows.</source>
        <translation>只有 %1 条样本：训练至少需要 %2 条。请再添加一些行。</translation>
    </message>
    <message>
        <source>%1 examples: it works, but %2 or more usually give clearly better results.</source>
        <translation>共 %1 条样本：可以训练，但有 %2 条或更多时，效果通常会明显更好。</translation>
    </message>
    <message>
        <source>The prompt (question) is empty.</source>
        <translation>提示（问题）是空的。</translation>
    </message>
    <message>
        <source>%1 tokens: more than the model trains on (%2); the rest is cut off.</source>
        <translation>%1 个 token：超过了模型训练时能处理的长度（%2），超出的部分会被截掉。</translation>
    </message>
    <message>
        <source>Contains %1, usually left over from another tool&apos;s chat template.</source>
        <translation>包含 %1，这通常是其他工具的对话模板遗留下来的。</translation>
    </message>
    <message>
        <source>The completion (answer) is empty.</source>
        <translation>回答是空的。</translation>
    </message>
    <message>
        <source>Same question and answer as row %1.</source>
        <translation>问题和回答与第 %1 行相同。</translation>
    </message>
    <message>
        <source>Very long example (%1 characters): it may be cut off in training.</source>
        <translation>样本很长（%1 个字符）：训练时可能会被截断。</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>The prompt starts or ends with spaces or line breaks.</source>
        <translation>提示的开头或结尾有空格或换行。</translation>
    </message>
    <message>
        <source>The answer starts or ends with spaces or line breaks: the model learns them too.</source>
        <translation>回答的开头或结尾有空格或换行：模型也会把它们学进去。</translation>
    </message>
    <message>
        <source>The system message starts or ends with spaces or line breaks.</source>
        <translation>系统消息的开头或结尾有空格或换行。</translation>
    </message>
    <message>
        <source>The rejected answer starts or ends with spaces or line breaks.</source>
        <translation>较差回答开头或结尾有空格或换行。</translation>
    </message>
    <message>
        <source>The answers repeat a few labels: this data trains a classifier. Keep some rows aside for validation to measure how well it classifies.</source>
        <translation>回答总是那几个标签：这份数据训练的是一个分类模型。请留出一些行作为验证集，用来衡量它分类分得有多准。</translation>
    </message>
    <message>
        <source>The data trains the model to write an answer for each prompt (conditional generation).</source>
        <translation>这份数据训练模型针对每个提示写出回答（条件生成）。</translation>
    </message>
    <message>
        <source>Every prompt is empty: the data trains the model to write freely (open-ended generation).</source>
        <translation>所有提示都是空的：这份数据训练模型自由地写作（开放式生成）。</translation>
    </message>
    <message>
        <source>A conversation of several messages: prompt/completion models (davinci-002, babbage-002) train on one question and one answer only.</source>
        <translation>这是一段包含多条消息的对话：提示/回答式模型（davinci-002、babbage-002）只能用一个问题和一个回答来训练。</translation>
    </message>
    <message>
        <source>Prompt/completion models have no system message: system prompts are left out of the file.</source>
        <translation>提示/回答式模型没有系统消息：文件中不会包含系统提示词。</translation>
    </message>
    <message>
        <source>Same prompt and answer as row %1.</source>
        <translation>提示和回答与第 %1 行相同。</translation>
    </message>
    <message>
        <source>Very long example (%1 characters of prompt and answer): keep examples under 2048 tokens.</source>
        <translation>样本很长（提示和回答共 %1 个字符）：请让每条样本少于 2048 个 token。</translation>
    </message>
    <message>
        <source>More than a third of the letters in the answers are capitals; models do better on normal case.</source>
        <translation>回答中超过三分之一的字母是大写；使用正常的大小写时，模型效果更好。</translation>
    </message>
    <message>
        <source>More than a third of the letters in the prompts are capitals; models do better on normal case.</source>
        <translation>提示中超过三分之一的字母是大写；使用正常的大小写时，模型效果更好。</translation>
    </message>
    <message>
        <source>All prompts are the same (“%1”): leave them all empty for open-ended generation, or make them differ.</source>
        <translation>所有提示都相同（“%1”）：如果要开放式生成，就把它们全部留空；否则请让它们各不相同。</translation>
    </message>
    <message>
        <source>All answers are the same (“%1”): the model would only learn to repeat it.</source>
        <translation>所有回答都相同（“%1”）：模型只会学会重复这一句。</translation>
    </message>
    <message>
        <source>All prompts end with “%1”: it is the separator that tells the model where the answer begins.</source>
        <translation>所有提示都以“%1”结尾：这就是分隔符，用来告诉模型回答从哪里开始。</translation>
    </message>
    <message>
        <source>The prompts do not end with a common separator: exports add “%1” to each (end your prompts with it when you use the model).</source>
        <translation>提示的结尾没有统一的分隔符：导出时会在每个提示末尾加上“%1”（使用模型时，你的提示也要以它结尾）。</translation>
    </message>
    <message>
        <source>Exports end every prompt with the chosen separator “%1”.</source>
        <translation>导出时会在每个提示末尾加上所选的分隔符“%1”。</translation>
    </message>
    <message>
        <source>The prompts do not end with a common separator and exports add none: “%1” would tell the model where the answer begins.</source>
        <translation>提示的结尾没有统一的分隔符，导出时也不会添加：加上“%1”就能告诉模型回答从哪里开始。</translation>
    </message>
    <message>
        <source>The separator “%1” is very long; a shorter one such as “%2” works as well.</source>
        <translation>分隔符“%1”太长了；用较短的，比如“%2”，效果也一样。</translation>
    </message>
    <message>
        <source>%1 prompts contain the separator “%2” before their end: a separator found in no prompt, such as “%3”, tells the model where the prompt ends.</source>
        <translation>有 %1 个提示在结尾之前就出现了分隔符“%2”：只有任何提示中都不出现的分隔符（比如“%3”），才能告诉模型提示在哪里结束。</translation>
    </message>
    <message>
        <source>%1 answers contain the ending “%2” before their end: an ending found in no answer, such as “%3”, tells the model where to stop.</source>
        <translation>有 %1 个回答在结尾之前就出现了结束标记“%2”：只有任何回答中都不出现的结束标记（比如“%3”），才能告诉模型在哪里停止。</translation>
    </message>
    <message>
        <source>The prompt contains the separator “%1” before its end: the model may start answering there.</source>
        <translation>提示在结尾之前就出现了分隔符“%1”：模型可能会从那里开始回答。</translation>
    </message>
    <message>
        <source>All prompts start with “%1”. Fine-tuning needs no instructions or examples in the prompt: usually only the input.</source>
        <translation>所有提示都以“%1”开头。微调时提示里不需要写说明或示例，通常只放输入内容即可。</translation>
    </message>
    <message>
        <source>All answers start with “%1”. Usually an answer should hold only the output, without a prefix.</source>
        <translation>所有回答都以“%1”开头。通常回答里只应包含输出内容，不要加前缀。</translation>
    </message>
    <message>
        <source>All answers end with “%1”: it is the ending that tells the model where to stop.</source>
        <translation>所有回答都以“%1”结尾：这就是结束标记，用来告诉模型在哪里停止。</translation>
    </message>
    <message>
        <source>The answers do not end with a common ending: exports add “%1” to each (use it as the stop sequence with the model).</source>
        <translation>回答的结尾没有统一的结束标记：导出时会在每个回答末尾加上“%1”（使用模型时，请把它设为结束标记）。</translation>
    </message>
    <message>
        <source>Exports end every answer with the chosen ending “%1”.</source>
        <translation>导出时会在每个回答末尾加上所选的结束标记“%1”。</translation>
    </message>
    <message>
        <source>The answers do not end with a common ending and exports add none: “%1” would tell the model where to stop.</source>
        <translation>回答的结尾没有统一的结束标记，导出时也不会添加：加上“%1”就能告诉模型在哪里停止。</translation>
    </message>
    <message>
        <source>The ending “%1” is very long; a shorter one such as “%2” works as well.</source>
        <translation>结束标记“%1”太长了；用较短的，比如“%2”，效果也一样。</translation>
    </message>
    <message>
        <source>The answer contains the ending “%1” before its end: the model may stop there.</source>
        <translation>回答在结尾之前就出现了结束标记“%1”：模型可能会在那里停下。</translation>
    </message>
    <message>
        <source>The workbook has %1 sheets (%2); the sheet “%3” was read.</source>
        <translation>此工作簿有 %1 个工作表（%2）；已读取工作表“%3”。</translation>
    </message>
    <message>
        <source>The file is not UTF-8; it was read as %1. Check that the text looks right.</source>
        <translation>该文件不是 UTF-8 编码，已按 %1 读取。请检查文字显示是否正常。</translation>
    </message>
</context>
<context>
    <name>JobNotifier</name>
    <message>
        <source>FineTune Desk</source>
        <translation>FineTune Desk</translation>
    </message>
    <message>
        <source>Training finished</source>
        <translation>训练完成</translation>
    </message>
    <message>
        <source>“%1” is ready: %2</source>
        <translation>“%1”已训练好：%2</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>“%1” failed: %2</source>
        <translation>“%1”失败：%2</translation>
    </message>
    <message>
        <source>Training cancelled</source>
        <translation>训练已取消</translation>
    </message>
    <message>
        <source>“%1” was cancelled.</source>
        <translation>“%1”已取消。</translation>
    </message>
</context>
<context>
    <name>JobStory</name>
    <message>
        <source>Job created</source>
        <translation>训练任务已创建</translation>
    </message>
    <message>
        <source>Training cost about %1 (at the app&apos;s prices)</source>
        <translation>训练费用约 %1（按本应用的价格表估算）</translation>
    </message>
    <message>
        <source>Training costs %1</source>
        <translation>训练费用 %1</translation>
    </message>
    <message>
        <source>Checking the training file</source>
        <translation>正在检查训练集文件</translation>
    </message>
    <message>
        <source>The files passed the service&apos;s checks; the job waits in the queue</source>
        <translation>文件已通过服务的检查，任务正在排队</translation>
    </message>
    <message>
        <source>In the queue, place %1</source>
        <translation>排队中，第 %1 位</translation>
    </message>
    <message>
        <source>In the queue</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Training started</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Finished pass %1 of %2 over the examples (epoch)</source>
        <translation>已完成第 %1 轮训练（共 %2 轮）</translation>
    </message>
    <message>
        <source>Saved a checkpoint at step %1</source>
        <translation>在第 %1 步保存了检查点</translation>
    </message>
    <message>
        <source>New model created: %1</source>
        <translation>新模型已生成：%1</translation>
    </message>
    <message>
        <source>The service checks the new model against its usage policies</source>
        <translation>服务正在按使用政策检查新模型</translation>
    </message>
    <message>
        <source>The model passed the checks and can be used</source>
        <translation>模型已通过检查，可以使用了</translation>
    </message>
    <message>
        <source>Training succeeded</source>
        <translation>训练完成</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>Training was cancelled</source>
        <translation>训练已取消</translation>
    </message>
    <message>
        <source>Training paused</source>
        <translation>训练已暂停</translation>
    </message>
    <message>
        <source>Training resumed</source>
        <translation>训练已继续</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Checking file</source>
        <translation>正在检查文件</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>JobsTab</name>
    <message>
        <source>New job…</source>
        <translation>新建任务…</translation>
    </message>
    <message>
        <source>Train a model on the examples in the Data tab</source>
        <translation>用“数据”页中的样本训练模型</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Search jobs (name, model, id)</source>
        <translation>搜索任务（名称、模型、ID）</translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Job:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>基础模型：</translation>
    </message>
    <message>
        <source>Trained model:</source>
        <translation>微调后的模型：</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>训练参数：</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>进度：</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Chat with this model</source>
        <translation>与此模型对话</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>用相同设置再训练</translation>
    </message>
    <message>
        <source>Start a new job with the same files and settings</source>
        <translation>用相同的文件和设置新建一个训练任务</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>训练经过</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Token accuracy</source>
        <translation>token 准确率</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>损失与准确率</translation>
    </message>
    <message>
        <source>Chat with this checkpoint</source>
        <translation>与此检查点对话</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Search jobs</source>
        <translation>搜索任务</translation>
    </message>
    <message>
        <source>Jobs to show</source>
        <translation>显示哪些任务</translation>
    </message>
    <message>
        <source>Training jobs</source>
        <translation>训练任务</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message>
        <source>As of %1 (%2)</source>
        <translation>截至 %1（%2）</translation>
    </message>
    <message>
        <source>Offline · %1</source>
        <translation>离线 · %1</translation>
    </message>
    <message>
        <source>Waiting for the service…</source>
        <translation>正在等待服务…</translation>
    </message>
    <message>
        <source>This service does not report a job&apos;s events: only its status is shown.</source>
        <translation>此服务不提供任务的事件记录：只显示任务状态。</translation>
    </message>
    <message>
        <source>Job %1 no longer exists on the service.</source>
        <translation>服务上已不存在任务 %1。</translation>
    </message>
    <message>
        <source>The service gave no reason.</source>
        <translation>服务没有给出原因。</translation>
    </message>
    <message>
        <source>The service could not train on the file. Fix the rows it names in the Data tab (its check results point at most such problems), then start a new job.</source>
        <translation>服务无法用这个文件进行训练。请在“数据”页中修复它指出的行（检查结果能找出大多数此类问题），然后新建训练任务。</translation>
    </message>
    <message>
        <source>The account&apos;s quota or spending limit was reached: check billing with the service.</source>
        <translation>账户的额度或消费上限已用完：请到服务商那里查看账单。</translation>
    </message>
    <message>
        <source>The service refused the data under its usage policies. Remove the examples it objects to.</source>
        <translation>服务根据其使用政策拒绝了这些数据。请删除被它拒绝的样本。</translation>
    </message>
    <message>
        <source>Try again later; if it fails again, contact the service with the job&apos;s id.</source>
        <translation>请稍后再试；如果仍然失败，请带上任务 ID 联系服务商。</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>supervised</source>
        <translation>监督训练</translation>
    </message>
    <message>
        <source>preference (DPO)</source>
        <translation>偏好训练（DPO）</translation>
    </message>
    <message>
        <source>epochs %1</source>
        <translation>训练轮数 %1</translation>
    </message>
    <message>
        <source>batch size %1</source>
        <translation>批大小 %1</translation>
    </message>
    <message>
        <source>learning rate ×%1</source>
        <translation>学习率 ×%1</translation>
    </message>
    <message>
        <source>beta %1</source>
        <translation>β 值 %1</translation>
    </message>
    <message>
        <source>with validation data</source>
        <translation>含验证数据</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>done about %1</source>
        <translation>预计 %1 完成</translation>
    </message>
    <message>
        <source>This service does not keep checkpoints.</source>
        <translation>此服务不保存检查点。</translation>
    </message>
    <message>
        <source>The service keeps a model at the end of some epochs. Chat with one to compare it with the final model (an earlier one may have overfitted less).</source>
        <translation>服务会在某些轮结束时保存一个模型。与其中一个对话，可以和最终模型对比（较早的模型可能过拟合得少一些）。</translation>
    </message>
    <message>
        <source>Checkpoints appear here as training reaches the end of an epoch.</source>
        <translation>训练每完成一轮，检查点就会显示在这里。</translation>
    </message>
    <message>
        <source>Train again?</source>
        <translation>再次训练？</translation>
    </message>
    <message>
        <source>Start a new job like “%1”: same files, base model and settings?</source>
        <translation>按“%1”新建一个训练任务：使用相同的文件、基础模型和设置？</translation>
    </message>
    <message>
        <source>Practice mode is free.</source>
        <translation>练习模式免费。</translation>
    </message>
    <message>
        <source>It cost about $%1 last time, at the app&apos;s prices.</source>
        <translation>按本应用的价格表，上次大约花费 $%1。</translation>
    </message>
    <message>
        <source>The service charges for training, as for the first job.</source>
        <translation>和第一次一样，服务会对训练收费。</translation>
    </message>
    <message>
        <source>The service cannot be reached right now. Refresh to try again.</source>
        <translation>目前无法连接到服务。请点击“刷新”重试。</translation>
    </message>
    <message>
        <source>Pause training?</source>
        <translation>暂停训练？</translation>
    </message>
    <message>
        <source>Pause “%1”? It keeps its progress and goes on when you resume it.</source>
        <translation>暂停“%1”？它会保留进度，继续后接着训练。</translation>
    </message>
    <message>
        <source>Resume training?</source>
        <translation>继续训练？</translation>
    </message>
    <message>
        <source>Resume “%1”? Training goes on from where it paused, and is billed again.</source>
        <translation>继续“%1”？训练会从暂停处接着进行，并重新开始计费。</translation>
    </message>
    <message>
        <source>Add your API key in Settings to see your training jobs.</source>
        <translation>请先在“设置”中添加 API 密钥，才能查看你的训练任务。</translation>
    </message>
    <message>
        <source>Loading jobs…</source>
        <translation>正在加载任务…</translation>
    </message>
    <message>
        <source>No training jobs yet. Prepare examples in the Data tab, then “New job…”.</source>
        <translation>还没有训练任务。请先在“数据”页准备好样本，然后点击“新建任务…”。</translation>
    </message>
    <message>
        <source>The job list could not be loaded yet.</source>
        <translation>暂时无法加载任务列表。</translation>
    </message>
    <message>
        <source>Training finished: %1 is ready. Try it in the Chat tab.</source>
        <translation>训练完成：%1 已就绪。去“对话”页试试吧。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Select a job to follow it</source>
        <translation>选择一个任务以跟踪进度</translation>
    </message>
    <message>
        <source>Select a job to see what happened.</source>
        <translation>选择一个任务，查看训练经过。</translation>
    </message>
    <message>
        <source>(when training succeeds)</source>
        <translation>（训练成功后）</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>创建于 %1</translation>
    </message>
    <message>
        <source>finished %1</source>
        <translation>完成于 %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Uploading %1 …</source>
        <translation>正在上传 %1 …</translation>
    </message>
    <message>
        <source>Starting “%1” again…</source>
        <translation>正在重新开始“%1”…</translation>
    </message>
    <message>
        <source>The service already has this file (%1): not uploading it again.</source>
        <translation>服务上已有此文件（%1）：不再重复上传。</translation>
    </message>
    <message>
        <source>Uploaded as %1. Creating the job…</source>
        <translation>已上传为 %1。正在创建任务…</translation>
    </message>
    <message>
        <source>Job %1 created. Its progress appears below as it trains.</source>
        <translation>已创建任务 %1。训练进度会显示在下方。</translation>
    </message>
    <message>
        <source>Cancel training?</source>
        <translation>取消训练？</translation>
    </message>
    <message>
        <source>Cancel “%1”? Training stops and cannot be continued later.</source>
        <translation>取消“%1”？训练会停止，之后无法再继续。</translation>
    </message>
</context>
<context>
    <name>JobsTableModel</name>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Trained tokens</source>
        <translation>已训练 token 数</translation>
    </message>
    <message>
        <source>Trained model</source>
        <translation>微调后的模型</translation>
    </message>
</context>
<context>
    <name>LongTextEditor</name>
    <message>
        <source>Edit anyway</source>
        <translation>仍然编辑</translation>
    </message>
    <message>
        <source>Keep the changes (Ctrl+Enter)</source>
        <translation>保留修改（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>This text has a line of over a million characters, too long to show here. Only the beginning is shown, read-only; the text itself stays as it is.</source>
        <translation>这段文字中有一行超过一百万个字符，太长了，无法在这里显示。这里只以只读方式显示开头部分；文字本身保持不变。</translation>
    </message>
    <message>
        <source>This text has a very long line without line breaks. Editing it is slow (every key lays the whole line out again), so it opens read-only.</source>
        <translation>这段文字中有一行很长且没有换行。编辑它会很慢（每按一次键都要重新排版整行），所以以只读方式打开。</translation>
    </message>
    <message>
        <source>Windows line breaks (CR LF) are kept.</source>
        <translation>Windows 换行符（CR LF）会被保留。</translation>
    </message>
    <message>
        <source>␍ marks a carriage return (\r) in the text; it is kept as it is.</source>
        <translation>␍ 表示文字中的回车符（\r），它会原样保留。</translation>
    </message>
    <message>
        <source>Opening… %1%</source>
        <translation>正在打开… %1%</translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation>
            <numerusform>%Ln 行</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>约 %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>FineTune Desk</source>
        <translation>FineTune Desk</translation>
    </message>
    <message>
        <source>Practice mode — simulated, nothing is sent anywhere. Switch to a real service in Settings.</source>
        <translation>练习模式：一切都是模拟的，不会向任何地方发送数据。可在“设置”中切换到真实服务。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Your settings could not be read, so the defaults are in use. The old file was kept beside the new one (hover for details).</source>
        <translation>无法读取你的设置，已改用默认设置。旧的设置文件保留在新文件旁边（鼠标悬停可查看详情）。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open examples…</source>
        <translation>打开样本(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>训练(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>对话(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Uploaded files…</source>
        <translation>已上传的文件…</translation>
    </message>
    <message>
        <source>Trained models…</source>
        <translation>训练好的模型…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Service and API key…</source>
        <translation>服务和 API 密钥…</translation>
    </message>
    <message>
        <source>Training prices…</source>
        <translation>训练价格…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>Like the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Getting Started Guide</source>
        <translation>快速入门指南(&amp;G)</translation>
    </message>
    <message>
        <source>Open the &amp;Sample Examples</source>
        <translation>打开示例样本(&amp;S)</translation>
    </message>
    <message>
        <source>Show &amp;Data Folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>About FineTune Desk</source>
        <translation>关于 FineTune Desk</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>服务：</translation>
    </message>
    <message>
        <source>FineTune Desk %1
Fine-tune language models with clicks.</source>
        <translation>FineTune Desk %1
点点鼠标就能微调语言模型。</translation>
    </message>
    <message>
        <source>Settings: %1
Data (chat history, autosave): %2
Logs: %3</source>
        <translation>设置：%1
数据（对话历史、自动保存）：%2
日志：%3</translation>
    </message>
    <message>
        <source>Add your API key in Settings first.</source>
        <translation>请先在“设置”中添加你的 API 密钥。</translation>
    </message>
    <message>
        <source>Your model %1 shuts down on %2: its base model is being retired.</source>
        <translation>你的模型 %1 将于 %2 停用：它的基础模型即将下线。</translation>
    </message>
    <message numerus="yes">
        <source>%n of your models shut down soon, the first on %1.</source>
        <translation>
            <numerusform>你有 %n 个模型即将停用，最早的一个在 %1 停用。</numerusform>
        </translation>
    </message>
    <message>
        <source>Show models…</source>
        <translation>查看模型…</translation>
    </message>
    <message>
        <source>Practice mode</source>
        <translation>练习模式</translation>
    </message>
    <message>
        <source>Practice mode: simulated service on this computer</source>
        <translation>练习模式：在本机运行的模拟服务</translation>
    </message>
    <message>
        <source>%1: reading the API key…</source>
        <translation>%1：正在读取 API 密钥…</translation>
    </message>
    <message>
        <source>%1: no API key yet — open Settings</source>
        <translation>%1：还没有 API 密钥，请打开“设置”</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>key kept for this session only</source>
        <translation>密钥只在本次运行期间保留</translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer, so your API key is kept only until you quit and is never written to disk. You will be asked for it again next time.</source>
        <translation>这台电脑上没有可用的安全钥匙串，因此你的 API 密钥只会保留到你退出程序为止，不会写入磁盘。下次使用时会再次向你询问。</translation>
    </message>
    <message>
        <source>Your API key is stored in the system keyring (%1).</source>
        <translation>你的 API 密钥已保存在系统钥匙串（%1）中。</translation>
    </message>
    <message>
        <source>An unexpected error occurred; the app kept running. It was written to the log: %1</source>
        <translation>发生了意外错误，但程序仍在运行。错误已写入日志：%1</translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Train on this answer</source>
        <translation>用这个回答训练</translation>
    </message>
    <message>
        <source>Ticked: the model learns to write this answer. Unticked: it only sees it as earlier conversation (weight 0).</source>
        <translation>勾选：模型会学习写出这个回答。不勾选：模型只把它当作前面的对话内容（权重为 0）。</translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation>上移（Alt+↑）</translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation>下移（Alt+↓）</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>删除此消息</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>消息内容</translation>
    </message>
    <message>
        <source>Tool call ID</source>
        <translation>工具调用 ID</translation>
    </message>
    <message>
        <source>Result of tool call:</source>
        <translation>此结果对应的工具调用：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Tool calls (JSON)</source>
        <translation>工具调用（JSON）</translation>
    </message>
    <message>
        <source>Remove weight</source>
        <translation>移除权重</translation>
    </message>
    <message>
        <source>The tool calls must be a JSON list: [ … ].</source>
        <translation>工具调用必须是一个 JSON 列表：[ … ]。</translation>
    </message>
    <message>
        <source>The tool calls are not valid JSON (line %1, column %2).</source>
        <translation>工具调用不是有效的 JSON（第 %1 行，第 %2 列）。</translation>
    </message>
    <message>
        <source>Only answers (assistant messages) can call tools.</source>
        <translation>只有回答（助手消息）才能调用工具。</translation>
    </message>
    <message>
        <source>Only answers (assistant messages) can have a training weight.</source>
        <translation>只有回答（助手消息）才能设置训练权重。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Answer (assistant)</source>
        <translation>回答（助手）</translation>
    </message>
    <message>
        <source>Tool result</source>
        <translation>工具结果</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>No text: this answer only calls the tools below.</source>
        <translation>无文字：这个回答只调用下面的工具。</translation>
    </message>
    <message>
        <source>What the user says or asks…</source>
        <translation>用户说的话或提的问题…</translation>
    </message>
    <message>
        <source>The answer the model should give…</source>
        <translation>模型应该给出的回答…</translation>
    </message>
    <message>
        <source>What the tool returned…</source>
        <translation>工具返回的内容…</translation>
    </message>
    <message>
        <source>Instructions for the model…</source>
        <translation>给模型的指示…</translation>
    </message>
    <message>
        <source>This message has a training weight (%1).</source>
        <translation>这条消息带有训练权重（%1）。</translation>
    </message>
</context>
<context>
    <name>MetricsChart</name>
    <message>
        <source>Metrics appear here once training starts</source>
        <translation>训练开始后，这里会显示各项指标</translation>
    </message>
    <message>
        <source>No accuracy figures reported for this job</source>
        <translation>此训练任务没有报告准确率数据</translation>
    </message>
    <message>
        <source>No loss figures reported for this job</source>
        <translation>此训练任务没有报告损失数据</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>Full validation accuracy</source>
        <translation>完整验证集准确率</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Full validation loss</source>
        <translation>完整验证集损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>ModelNames</name>
    <message>
        <source>%1 (prompt/completion)</source>
        <translation>%1（提示/回答格式）</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Trained from %1</source>
        <translation>基于 %1 训练</translation>
    </message>
    <message>
        <source>Was shut down on %1</source>
        <translation>已于 %1 停用</translation>
    </message>
    <message>
        <source>Shuts down on %1</source>
        <translation>将于 %1 停用</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Your models</source>
        <translation>你的模型</translation>
    </message>
    <message>
        <source>Chat with this model</source>
        <translation>与此模型对话</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected model from the service.</source>
        <translation>从服务中删除所选模型。</translation>
    </message>
    <message>
        <source>Loading your models…</source>
        <translation>正在加载你的模型…</translation>
    </message>
    <message>
        <source>Delete the model “%1”? Apps using it stop working, and it cannot be brought back.</source>
        <translation>要删除模型“%1”吗？正在使用它的应用将无法工作，而且删除后无法恢复。</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>已删除 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%n fine-tuned model(s).</source>
        <translation>
            <numerusform>共 %n 个微调后的模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>You have no fine-tuned models on this service yet. They appear here when a job succeeds.</source>
        <translation>你在此服务上还没有微调后的模型。训练任务成功完成后，模型会显示在这里。</translation>
    </message>
    <message numerus="yes">
        <source>%n of your models has/have shut down and no longer answer(s).</source>
        <translation>
            <numerusform>你有 %n 个模型已停用，不再响应。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your models shut(s) down within %1 days, the first on %2 (%3). To keep using a model, train it again on a newer base model.</source>
        <translation>
            <numerusform>你有 %n 个模型将在 %1 天内停用，最早的一个在 %2 停用（%3）。如需继续使用，请基于更新的基础模型重新训练。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelsTableModel</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Shuts down</source>
        <translation>停用日期</translation>
    </message>
    <message>
        <source>After this date the service no longer answers with this model.</source>
        <translation>此日期之后，服务将不再用这个模型回答。</translation>
    </message>
    <message>
        <source>Shut down on %1</source>
        <translation>已于 %1 停用</translation>
    </message>
    <message>
        <source>%1 (today)</source>
        <translation>%1（今天）</translation>
    </message>
    <message numerus="yes">
        <source>%1 (in %n day(s))</source>
        <translation>
            <numerusform>%1（%n 天后）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewJobDialog</name>
    <message>
        <source>New training job</source>
        <translation>新建训练任务</translation>
    </message>
    <message>
        <source>OpenAI accepts new fine-tuning jobs only until 6 January 2027, and only from organisations that fine-tuned before May 2026 and used a fine-tuned model in the last 60 days. If the job is refused, your data stays here: export it or use another service.</source>
        <translation>OpenAI 只接受新的微调任务到 2027 年 1 月 6 日为止，而且只接受 2026 年 5 月之前做过微调、并在最近 60 天内使用过微调模型的组织。如果任务被拒绝，你的数据仍保存在这里：可以导出，或改用其他服务。</translation>
    </message>
    <message>
        <source>e.g. content</source>
        <translation>例如：茶舍客服</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation>基础模型：</translation>
    </message>
    <message>
        <source>Name (suffix):</source>
        <translation>名称（模型名后缀）：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>训练轮数：</translation>
    </message>
    <message>
        <source>Correct prices in Settings ▸ Training prices…</source>
        <translation>可在“设置 ▸ 训练价格…”中修正价格</translation>
    </message>
    <message>
        <source>Practice mode: training is simulated on this computer — nothing is sent anywhere.</source>
        <translation>练习模式：训练在这台电脑上模拟进行，不会发送任何数据。</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>A JSONL file…</source>
        <translation>JSONL 文件…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose a JSONL file to train on</source>
        <translation>选择用于训练的 JSONL 文件</translation>
    </message>
    <message>
        <source>Validation data (optional, not charged)</source>
        <translation>验证集（可选，不收费）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Choose a JSONL file of validation examples</source>
        <translation>选择包含验证样本的 JSONL 文件</translation>
    </message>
    <message>
        <source>Model and method</source>
        <translation>模型和方法</translation>
    </message>
    <message>
        <source>Pick a base model, or type the id of any model the service offers</source>
        <translation>选择一个基础模型，或输入服务商提供的任意模型的 ID</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Trains on</source>
        <translation>训练格式</translation>
    </message>
    <message>
        <source>Longest example</source>
        <translation>最长样本</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Supervised: learn the answers</source>
        <translation>监督学习：学习这些回答</translation>
    </message>
    <message>
        <source>DPO: prefer the chosen answer over the rejected one</source>
        <translation>DPO：更偏向较好回答，而不是较差回答</translation>
    </message>
    <message>
        <source>DPO (direct preference optimisation) needs a rejected answer in every example</source>
        <translation>DPO（直接偏好优化）要求每条样本都有一条较差回答</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>训练方法：</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>训练参数</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>The same seed and settings give a repeatable run</source>
        <translation>相同的随机种子和设置可以得到可重复的训练结果</translation>
    </message>
    <message>
        <source>DPO beta:</source>
        <translation>DPO β 值：</translation>
    </message>
    <message>
        <source>Higher values keep the model closer to the base model</source>
        <translation>数值越大，模型越接近基础模型</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Learning-rate multiplier:</source>
        <translation>学习率倍数：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Metadata (optional)</source>
        <translation>附加标签（可选）</translation>
    </message>
    <message>
        <source>Up to 16 labels stored with the job, e.g. project = tea-house; the service can filter by them</source>
        <translation>最多 16 个随任务保存的标签，例如“项目 = 茶舍”；服务商可以按这些标签筛选任务</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Checks and cost</source>
        <translation>检查与费用</translation>
    </message>
    <message>
        <source>I reviewed the warnings and want to train anyway</source>
        <translation>我已看过这些提醒，仍要开始训练</translation>
    </message>
    <message>
        <source>prompt/completion</source>
        <translation>问题/回答</translation>
    </message>
    <message>
        <source>chat, DPO</source>
        <translation>对话、DPO</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>shuts down %1</source>
        <translation>%1 停用</translation>
    </message>
    <message>
        <source>listed by the service</source>
        <translation>由服务商列出</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <source>%1 / 1M</source>
        <translation>%1 / 百万 token</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Training examples</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <source>Validation examples</source>
        <translation>验证样本</translation>
    </message>
    <message>
        <source>The name may use letters, digits, “-”, “_” and “.” (at most %1 characters).</source>
        <translation>名称只能使用字母、数字、“-”、“_”和“.”（最多 %1 个字符）。</translation>
    </message>
    <message numerus="yes">
        <source>The examples in the Data tab (%n example(s))</source>
        <translation>
            <numerusform>“数据”页中的样本（%n 条样本）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The Data tab&apos;s validation split (%n example(s))</source>
        <translation>
            <numerusform>“数据”页中划分的验证集（%n 条样本）</numerusform>
        </translation>
    </message>
    <message>
        <source>The Data tab&apos;s validation split (none made)</source>
        <translation>“数据”页中划分的验证集（尚未划分）</translation>
    </message>
    <message>
        <source>(not used) </source>
        <translation>（未使用）</translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation>正在读取 %1 …</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n example(s)</source>
        <translation>
            <numerusform>%1：%n 条样本</numerusform>
        </translation>
    </message>
    <message>
        <source>Trains on prompt/completion pairs</source>
        <translation>用问题/回答对训练</translation>
    </message>
    <message>
        <source>Trains on chat messages</source>
        <translation>用对话消息训练</translation>
    </message>
    <message>
        <source>DPO available</source>
        <translation>支持 DPO</translation>
    </message>
    <message>
        <source>no DPO</source>
        <translation>不支持 DPO</translation>
    </message>
    <message>
        <source>examples up to %1 tokens</source>
        <translation>样本最长 %1 个 token</translation>
    </message>
    <message>
        <source>not in the catalogue: the service decides what it accepts</source>
        <translation>不在已知模型列表中：由服务商决定是否接受</translation>
    </message>
    <message>
        <source>preference pairs (DPO)</source>
        <translation>偏好对（DPO）</translation>
    </message>
    <message numerus="yes">
        <source>%n training example(s) will be uploaded as %1.</source>
        <translation>
            <numerusform>%n 条训练样本将以%1的形式上传。</numerusform>
        </translation>
    </message>
    <message>
        <source>The training file cannot be used: %1</source>
        <translation>训练集文件无法使用：%1</translation>
    </message>
    <message>
        <source>The validation file cannot be used: %1</source>
        <translation>验证集文件无法使用：%1</translation>
    </message>
    <message>
        <source>The Data tab&apos;s examples could not be read: %1</source>
        <translation>无法读取“数据”页中的样本：%1</translation>
    </message>
    <message>
        <source>%1 trains on prompt/completion pairs only; DPO needs a chat model such as GPT-4o mini.</source>
        <translation>%1 只能用问题/回答对训练；DPO 需要对话模型，例如 GPT-4o mini。</translation>
    </message>
    <message>
        <source>%1 does not offer DPO; choose one that does: %2.</source>
        <translation>%1 不支持 DPO；请选择支持 DPO 的模型：%2。</translation>
    </message>
    <message>
        <source>DPO learns from pairs of a preferred and a rejected answer, and these examples have no rejected answers. Add them in the Data tab (column “rejected”), or choose Supervised.</source>
        <translation>DPO 通过成对的较好回答和较差回答来学习，但这些样本没有较差回答。请在“数据”页中添加（“较差回答”列），或选择“监督学习”。</translation>
    </message>
    <message numerus="yes">
        <source>%1 trains on single prompt/completion pairs, but %n example(s) are conversations (several messages, tool calls or tools). Choose a chat model such as GPT-4o mini.</source>
        <translation>
            <numerusform>%1 只能用单个问题/回答对训练，但有 %n 条样本是对话（包含多条消息、工具调用或工具）。请选择对话模型，例如 GPT-4o mini。</numerusform>
        </translation>
    </message>
    <message>
        <source>Metadata holds at most %1 pairs; remove some.</source>
        <translation>附加标签最多 %1 个，请删掉一些。</translation>
    </message>
    <message>
        <source>Metadata row %1 has a value but no key.</source>
        <translation>附加标签第 %1 行有值，但没有名称。</translation>
    </message>
    <message>
        <source>The metadata key “%1” is longer than %2 characters.</source>
        <translation>标签名称“%1”超过了 %2 个字符。</translation>
    </message>
    <message>
        <source>The metadata value for “%1” is longer than %2 characters.</source>
        <translation>标签“%1”的值超过了 %2 个字符。</translation>
    </message>
    <message>
        <source>The metadata key “%1” is there twice.</source>
        <translation>标签名称“%1”重复了。</translation>
    </message>
    <message>
        <source>The examples were checked in the Data tab.</source>
        <translation>样本已在“数据”页中检查过。</translation>
    </message>
    <message>
        <source>Checking the examples and counting tokens …</source>
        <translation>正在检查样本并统计 token 数…</translation>
    </message>
    <message>
        <source>Nothing checked yet.</source>
        <translation>尚未检查。</translation>
    </message>
    <message>
        <source>The examples could not be checked: %1</source>
        <translation>无法检查样本：%1</translation>
    </message>
    <message>
        <source>Fix them in the Data tab (see “Check results”).</source>
        <translation>请在“数据”页中修复（见“检查结果”）。</translation>
    </message>
    <message>
        <source>Fix the file, or open it in the Data tab to see and fix every row.</source>
        <translation>请修改文件，或在“数据”页中打开它，查看并修复每一行。</translation>
    </message>
    <message numerus="yes">
        <source>The training data has %n error(s) that stop training, e.g. “%1”</source>
        <translation>
            <numerusform>训练数据有 %n 个会阻止训练的错误，例如“%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>The validation examples have no rejected answers; DPO validates on preference pairs too. Choose validation data with rejected answers, or none.</source>
        <translation>验证样本没有较差回答，而 DPO 验证时也要用偏好对。请选择带有较差回答的验证集，或不使用验证集。</translation>
    </message>
    <message numerus="yes">
        <source>The validation data has %n error(s) that stop training, e.g. “%1”</source>
        <translation>
            <numerusform>验证集有 %n 个会阻止训练的错误，例如“%1”</numerusform>
        </translation>
    </message>
    <message>
        <source>Checked for %1: no problems found.</source>
        <translation>已按 %1 检查：未发现问题。</translation>
    </message>
    <message>
        <source>Checked for %1: %2, %3.</source>
        <translation>已按 %1 检查：%2，%3。</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个提醒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see the Data tab&apos;s “Check results”).</source>
        <translation>
            <numerusform>… 还有 %n 条（见“数据”页的“检查结果”）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 billed tokens per epoch × %n epoch(s) = %2 tokens.</source>
        <translation>
            <numerusform>每轮计费 %1 个 token × %n 轮 = %2 个 token。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) are cut at the model&apos;s limit and billed up to it.</source>
        <translation>
            <numerusform>有 %n 条样本超出模型上限，会被截断，按上限计费。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens could not be counted: %1</source>
        <translation>无法统计 token 数：%1</translation>
    </message>
    <message>
        <source>Estimated cost: %1 (%2 per 1M tokens, price of %3).</source>
        <translation>估算费用：%1（每百万 token %2，%3 的价格）。</translation>
    </message>
    <message>
        <source>Practice mode is free; a paid service would charge %1 (%2 per 1M tokens, price of %3).</source>
        <translation>练习模式免费；付费服务会收取 %1（每百万 token %2，%3 的价格）。</translation>
    </message>
    <message>
        <source>Price unknown for %1: the cost cannot be estimated (Settings ▸ Training prices…).</source>
        <translation>%1 的价格未知，无法估算费用（设置 ▸ 训练价格…）。</translation>
    </message>
    <message>
        <source>Validation examples are not charged.</source>
        <translation>验证样本不收费。</translation>
    </message>
    <message>
        <source>Start practice training (free)</source>
        <translation>开始练习训练（免费）</translation>
    </message>
    <message>
        <source>Start training (%1)</source>
        <translation>开始训练（%1）</translation>
    </message>
    <message>
        <source>Start training (price unknown)</source>
        <translation>开始训练（价格未知）</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>less than $0.01</source>
        <translation>不到 $0.01</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>约 %1</translation>
    </message>
    <message>
        <source>Choose a base model.</source>
        <translation>请选择基础模型。</translation>
    </message>
    <message>
        <source>prompt/completion pairs (legacy model)</source>
        <translation>问题/回答对（旧版模型）</translation>
    </message>
    <message>
        <source>chat messages</source>
        <translation>对话消息</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The trained model will be called: %1</source>
        <translation>训练好的模型将命名为：%1</translation>
    </message>
    <message>
        <source>Training price: %1 per 1M tokens, checked on %2.</source>
        <translation>训练价格：每百万 token %1，核对日期 %2。</translation>
    </message>
    <message>
        <source>No training price is known for this model.</source>
        <translation>暂无此模型的训练价格。</translation>
    </message>
    <message>
        <source>%1 shuts down on %2; models trained from it stop working on that day.</source>
        <translation>%1 将于 %2 停用；用它训练出的模型也会在当天停止工作。</translation>
    </message>
</context>
<context>
    <name>PriceSources</name>
    <message>
        <source>OpenAI fine-tuning guide, worked cost example (shared reference, Aug 2026)</source>
        <translation>OpenAI 微调指南中的费用计算示例（共享参考资料，2026 年 8 月）</translation>
    </message>
    <message>
        <source>OpenAI pricing page, fine-tuning table (2025; not re-checked since)</source>
        <translation>OpenAI 价格页面上的微调价格表（2025 年，此后未再核对）</translation>
    </message>
</context>
<context>
    <name>PriceTableModel</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Price per 1M tokens</source>
        <translation>每百万 token 价格</translation>
    </message>
    <message>
        <source>Checked on</source>
        <translation>核对日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>edited by you</source>
        <translation>由你修改</translation>
    </message>
    <message>
        <source>Double-click to change the price.</source>
        <translation>双击可修改价格。</translation>
    </message>
    <message>
        <source>Checked more than a year ago: the price may have changed.</source>
        <translation>核对已超过一年：价格可能已有变动。</translation>
    </message>
</context>
<context>
    <name>PricesDialog</name>
    <message>
        <source>Training prices</source>
        <translation>训练价格</translation>
    </message>
    <message>
        <source>Cost estimates use these prices, in US dollars per 1 million training tokens. When your provider&apos;s price list changes, double-click a price to correct it: your prices are kept on this computer and replace the ones that came with the app.</source>
        <translation>费用估算使用以下价格，单位为美元 / 每 100 万个训练 token。如果服务商的价目表有变化，双击价格即可修改：你修改的价格保存在这台电脑上，并会替代程序自带的价格。</translation>
    </message>
    <message>
        <source>Restore shipped prices</source>
        <translation>恢复自带价格</translation>
    </message>
    <message>
        <source>Forget every price you changed and use the app&apos;s own again.</source>
        <translation>清除你修改过的所有价格，重新使用程序自带的价格。</translation>
    </message>
    <message>
        <source>“%1” is not a price: type a number, 0 or more (for example 3.00).</source>
        <translation>“%1”不是有效的价格：请输入 0 或更大的数字（例如 3.00）。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Your damaged price file was kept as %1.</source>
        <translation>已损坏的价格文件已保留为 %1。</translation>
    </message>
    <message>
        <source>Your prices could not be saved (%1); they are used until you quit. Check that %2 can be written.</source>
        <translation>无法保存你的价格（%1）；在退出程序之前仍会使用这些价格。请检查 %2 是否可以写入。</translation>
    </message>
    <message>
        <source>Your price file could not be read, so the prices that came with the app are used. Correcting a price here replaces it (the damaged file is kept beside it). Details: %1</source>
        <translation>无法读取你的价格文件，因此正在使用程序自带的价格。在这里修改价格会替换该文件（已损坏的文件会保留在旁边）。详细信息：%1</translation>
    </message>
    <message>
        <source>The price list that came with the app is damaged; reinstalling the app repairs it. Details: %1</source>
        <translation>程序自带的价目表已损坏；重新安装程序即可修复。详细信息：%1</translation>
    </message>
    <message>
        <source>The app&apos;s prices were last checked on %1.</source>
        <translation>程序自带价格的最后核对日期为 %1。</translation>
    </message>
    <message numerus="yes">
        <source>You changed %n price(s); they are saved in %1.</source>
        <translation>
            <numerusform>你修改了 %n 个价格；它们保存在 %1 中。</numerusform>
        </translation>
    </message>
    <message>
        <source>Dates in amber are more than a year old: check those prices.</source>
        <translation>琥珀色的日期已超过一年：请核对这些价格。</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <source>Practice</source>
        <translation>练习模式</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The profile has no id.</source>
        <translation>该连接配置没有 ID。</translation>
    </message>
    <message>
        <source>Name is missing.</source>
        <translation>缺少名称。</translation>
    </message>
    <message>
        <source>Base URL is missing.</source>
        <translation>缺少服务地址（Base URL）。</translation>
    </message>
    <message>
        <source>Base URL must start with http:// or https://.</source>
        <translation>服务地址（Base URL）必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>Azure endpoint is missing.</source>
        <translation>缺少 Azure 终结点（endpoint）。</translation>
    </message>
    <message>
        <source>Azure endpoint must start with http:// or https://.</source>
        <translation>Azure 终结点（endpoint）必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>API version is missing.</source>
        <translation>缺少 API 版本。</translation>
    </message>
    <message>
        <source>The API key contains a space; paste it again.</source>
        <translation>API 密钥中含有空格；请重新粘贴。</translation>
    </message>
    <message>
        <source>The API key contains characters keys never have (full-width letters?); paste it again.</source>
        <translation>API 密钥中含有密钥里不会出现的字符（是不是全角字母？）；请重新粘贴。</translation>
    </message>
    <message>
        <source>Practice (simulated, free, no key)</source>
        <translation>练习模式（本地模拟，免费，无需密钥）</translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>OpenAI-compatible (LiteLLM, Zhipu, Nebius, LocalAI …)</source>
        <translation>兼容 OpenAI 的服务（LiteLLM、智谱、Nebius、LocalAI …）</translation>
    </message>
    <message>
        <source>No key saved yet.</source>
        <translation>尚未保存密钥。</translation>
    </message>
    <message>
        <source>The key is kept in the system keyring (%1).</source>
        <translation>密钥保存在系统钥匙串中（%1）。</translation>
    </message>
    <message>
        <source>No secure keyring is available, so the key is kept for this session only and is never written to disk.</source>
        <translation>没有可用的安全钥匙串，因此密钥只在本次运行期间保留，绝不会写入磁盘。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>连接配置</translation>
    </message>
    <message>
        <source>Practice mode runs a simulated training service on this computer: free, no key, nothing is sent anywhere. Use it to learn the whole flow.</source>
        <translation>练习模式会在这台电脑上运行一个模拟的训练服务：免费、无需密钥、不会发送任何数据。可以用它熟悉整个流程。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Service:</source>
        <translation>服务：</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>服务地址（Base URL）：</translation>
    </message>
    <message>
        <source>Organization:</source>
        <translation>组织：</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <source>Azure endpoint:</source>
        <translation>Azure 终结点：</translation>
    </message>
    <message>
        <source>API version:</source>
        <translation>API 版本：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Use this profile</source>
        <translation>使用此连接配置</translation>
    </message>
    <message>
        <source>My OpenAI account</source>
        <translation>我的 OpenAI 账号</translation>
    </message>
    <message>
        <source>New key: %1</source>
        <translation>新密钥：%1</translation>
    </message>
    <message>
        <source>Saved — type to replace</source>
        <translation>已保存 — 输入新密钥即可替换</translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation>正在检查系统钥匙串…</translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation>粘贴你的 API 密钥</translation>
    </message>
    <message>
        <source>Leave empty for api.openai.com</source>
        <translation>留空则使用 api.openai.com</translation>
    </message>
    <message>
        <source>Organization and project IDs use only Latin letters, digits and dashes.</source>
        <translation>组织 ID 和项目 ID 只能包含英文字母、数字和短横线。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Practice mode is ready: it runs on this computer.</source>
        <translation>练习模式已就绪：它在这台电脑上运行。</translation>
    </message>
    <message numerus="yes">
        <source>Connected. The service offers %n model(s).</source>
        <translation>
            <numerusform>连接成功。该服务提供 %n 个模型。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenStatsDialog</name>
    <message>
        <source>Token statistics</source>
        <translation>token 统计</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) counted for %1 (tokenizer %2).</source>
        <translation>
            <numerusform>已按 %1 统计 %n 条样本（分词器 %2）。</numerusform>
        </translation>
    </message>
    <message>
        <source>P10 / P90: 10% of the examples are below the first, 10% above the second</source>
        <translation>P10 / P90：10% 的样本低于前一个数，10% 的样本高于后一个数</translation>
    </message>
    <message>
        <source>Tokens billed per epoch: %1</source>
        <translation>每轮计费的 token 数：%1</translation>
    </message>
    <message numerus="yes">
        <source>Epochs chosen automatically for %n example(s): %1 (3, raised for small and lowered for large datasets)</source>
        <translation>
            <numerusform>按 %n 条样本自动选定的训练轮数：%1（以 3 轮为准，数据集较小时增加，较大时减少）</numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens trained in all: %1</source>
        <translation>总共训练的 token 数：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) longer than the model&apos;s limit of %1 tokens (cut in training)</source>
        <translation>
            <numerusform>%n 条样本超过了模型 %1 个 token 的上限（训练时会被截断）</numerusform>
        </translation>
    </message>
    <message>
        <source>Estimated cost: about $%1 at $%2 per million tokens (price of %3)</source>
        <translation>估算费用：约 $%1（按每百万 token $%2 计算，%3 的价格）</translation>
    </message>
    <message>
        <source>No price is known for this model, so no cost is estimated.</source>
        <translation>不知道这个模型的价格，因此无法估算费用。</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message numerus="yes">
        <source>Show %n earlier message(s)</source>
        <translation>
            <numerusform>显示之前的 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
</TS>
