<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddExampleDialog</name>
    <message>
        <source>Add to dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the dataset&apos;s system prompt applies, if it has one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user&apos;s message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer the model should learn to give</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The example is added at the end of the dataset in the Data tab. You can undo it there with Edit → Undo (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add this example to the dataset (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System prompt (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answer (correct it if needed):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnswerWords</name>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>first token %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cut short by the max tokens setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatSettingsPanel</name>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: not sent, so the service uses its own setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: who the model is and how it answers. Best the same as in your training data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions the model reads before every question, such as the role it plays and how it should answer. A model answers best with the same system prompt it was trained with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the dataset&apos;s system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the system prompt above with the default system prompt of the dataset in the Data tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How varied the answers are, from 0 to 2. Low (0 to 0.3): focused, nearly the same answer every time. High (above 1): more varied and inventive, but more likely to wander off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another way to limit variety, from 0 to 1: the model only chooses among its likeliest next words, as many as make up this share of the chances. 1 allows all of them; 0.1 only the very likeliest. Change this or Temperature, usually not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The longest answer allowed, in tokens (a token is a short word or a piece of one; a Chinese character is about one token). An answer that reaches it is cut off there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: each question alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of the latest messages in this conversation are sent along with each question, so the model knows what was said before. A question and its answer are two messages. More messages: a longer memory, but each question costs more tokens. The system prompt is always sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context messages:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatTab</name>
    <message>
        <source>Refresh models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a model or deployment name the service does not list (an Azure deployment, a checkpoint).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the system prompt and generation settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message. Ctrl+Enter sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask two or three models the same question and read their answers side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your API key in Settings to chat with your models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model or deployment name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model&apos;s base shuts down on %1; the model will stop answering after that date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legacy completion model: each message is sent on its own, without the chat history; the separator and ending of your dataset are added for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the answer (or stop it) before opening another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer broke off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the dataset as a new example (Data tab; Undo takes it back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer broke off: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service does not list its models. Choose “Other model…” and type the model or deployment name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model shuts down on %1; it will stop answering after that date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing a message: sending it starts a new branch from there; the old one is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckpointsModel</name>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <source>Model to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this model from the comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the answer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>System prompt (optional): use the one you trained with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a question to ask every model below. Ctrl+Enter sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random example from the validation split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a third model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare three models, for example the base model, your model and one of its checkpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected answer (from your data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A row of your validation split: the model was not trained on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model for every column first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your API key in Settings to compare your models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask a question from your validation split (rows the model was not trained on) and show the answer your data expects beside the models&apos; answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data has no validation split yet. Make one in the Data tab (Split), then try the models on examples they were not trained on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 of your data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationEditor</name>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 — Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt for this row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the dataset&apos;s default system prompt is used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: tell the model who it is and how to answer in this conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The messages in order. The model learns to write the answers with “Train on this answer” ticked; the last answer is the one the table shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: a worse answer to the last question, for preference (DPO) training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools offered (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own note on this row (never used for training).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected answer (for preference/DPO training)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the changes (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation is empty: add a user message and an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation must end with an answer (assistant message): add an answer, or make the last message one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tools offered must be a JSON list: [ … ].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tools offered are not valid JSON (line %1, column %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationsModel</name>
    <message>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataCommands</name>
    <message>
        <source>Edit cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an Excel, CSV, JSONL or JSON file of question/answer pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected rows below them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the examples for problems before training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat JSONL (gpt-4o-mini, gpt-4.1 …)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt/completion JSONL (davinci-002, babbage-002)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preference (DPO) JSONL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel or CSV table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the rows with their split, notes and settings as a FineTune Desk dataset (.ftdesk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save dataset &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold out some rows to validate the training (a validation file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No validation split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90% training / 10% validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80% training / 20% validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt for every example (optional), e.g. “You are the tea shop&apos;s assistant.”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only rows with problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only rows the last check found errors or warnings in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find and replace text in the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token counts per example, epochs and cost for the chosen model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model you will train: its token limit, data format and price are used for the checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open training examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 with %2 examples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview and choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Open the %n readable record(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add example from chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added the example from the chat as row %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit as conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in editor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use for validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use for training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected answer (preference training)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percent of the rows to hold out for validation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed (the same seed picks the same rows):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n example(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 for training, %2 for validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sheet “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encoding %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No examples yet: open an Excel file (Open…) or add rows by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check results: no problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check results: %1 error(s), %2 warning(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ %1 tokens per epoch · %2 epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about $%1 with %2 (prices of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) too long for this model</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Token count unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv);;Tab-separated (*.tsv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export training file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to fix there: the rows changed since the check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This check result has no one-click fix: edit the row in the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a check result to fix it in one click (Edit → Undo takes it back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same fix for every row with this problem, as one step to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one-click fix for this result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only rows that contain this text anywhere: question, answer, system, rejected answer, note or conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training data (*.ftdesk *.xlsx *.xls *.xlsm *.ods *.csv *.tsv *.jsonl *.json *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the training rows to %1 and the validation rows to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n example(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Save dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FineTune Desk dataset (*.ftdesk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Restored %n example(s) you were editing last time.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetTableModel</name>
    <message>
        <source>Prompt (question)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completion (answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A conversation of %n message(s); double-click to edit it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n turn(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DistributionModel</name>
    <message>
        <source>Messages per example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer tokens per example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P90</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Could not upload the training file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the training job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the job list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not cancel the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not pause the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resume the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the job&apos;s events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the model list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the job&apos;s checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the uploaded files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not download the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service reported a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI no longer lets this account start fine-tuning jobs. Since May 2026 new organisations cannot fine-tune, and from 6 January 2027 nobody can start new jobs (models already trained keep working). Your data is safe: export it from the Data tab, try another OpenAI-compatible service in Settings, or keep learning in Practice mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service does not offer this feature, so it has been hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service did not accept the API key. Check the key in Settings (it may be mistyped or revoked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account is not allowed to do this. Check the organization, project and key&apos;s role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model “%1” is not available on this service: it may have been deleted, or its name is wrong. Choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not find it. It may have been deleted, or the address in Settings is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service rejected the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service refused because the item changed meanwhile (for example the job already ended).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is busy or your quota is used up. Try again in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is busy or your quota is used up. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service had an internal problem. This is usually temporary: try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is busy or your quota is used up. The app will try again in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is busy or your quota is used up. The app will try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service had an internal problem. This is usually temporary; the app will try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service took too long to answer. Check your connection, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service took too long to answer. Check your connection; the app will try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the service. Check your internet connection and the address in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service&apos;s answer could not be read, so it is not known whether this was done: look at the list before trying again. A proxy or gateway in between, or an address in Settings that is not an OpenAI-compatible service, usually causes this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service&apos;s answer could not be read. A proxy or gateway in between, or an address in Settings that is not an OpenAI-compatible service, usually causes this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service&apos;s answer could not be read. A proxy or gateway in between, or an address in Settings that is not an OpenAI-compatible service, usually causes this; the app will try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something unexpected went wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The table needs a prompt (question) column and a completion (answer) column. Found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This line is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s text encoding could not be recognised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This text encoding is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no examples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of file cannot be opened. Use .xlsx, .xls, .csv, .tsv, .jsonl, .json or .txt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen column “%1” is not in the file. Found: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation ends after its last answer; nothing would be trained on the last messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message has a field OpenAI does not accept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message holds an image or other non-text part; only text can be trained here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message&apos;s weight must be 0 or 1, and only answers (assistant messages) have one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation column of this row is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example %1 has no rejected answer, which preference (DPO) training needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example %1 is a conversation; davinci-002 and babbage-002 train on single question-answer pairs only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This FineTune Desk dataset file is damaged or from another program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workbook is protected with a password. Open it in Excel, remove the password (File → Info → Protect Workbook), save it, and open it here again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is really %1 with the wrong name. Rename it to end with %2 and open it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a text file (it looks like %1). Save it from its program as CSV or JSONL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is %1; files over %2 cannot be trained on, so they are not opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This example is in no known format (messages, prompt/completion, instruction/output, conversations).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workbook has no sheet of that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Excel file is damaged or not really an Excel file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file is malformed (check its quotes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not contain a list of examples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message needs a role and text content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This example has no assistant answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cell contains a control character that Excel files cannot hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cell is longer than Excel&apos;s 32,767 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every prompt is the same, so a legacy model could not tell them apart. Vary the questions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every answer is the same, so there is nothing to learn. Vary the answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no examples yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved work could not be read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records could not be read in all (lines %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not use the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations are not being kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history was written by a newer version of FineTune Desk: it is shown, but nothing new is kept. Update the app to keep conversations again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation history could not be read or written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chatting still works. Check that the disk has room and this file can be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file could not be read or written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something unexpected went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app kept running. Details were written to the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilesDialog</name>
    <message>
        <source>Uploaded files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files you uploaded stay on the service until you delete them. Deleting a training file does not affect models already trained from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected files from the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the list of files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1” (%2) from the service? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n file(s) from the service? This cannot be undone.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n file(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1 in all.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No files are stored on this service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service does not list uploaded files, so they cannot be shown here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilesTableModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <source>Find and replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A filter is active: replaces only in the %n row(s) shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(of %1). Clear the filter to replace everywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Replaces in all %n row(s): prompt, completion, system, rejected answer and note.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replaced in %n cell(s). Edit → Undo puts them back.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No cell contains that text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FixWords</name>
    <message>
        <source>Remove duplicate row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n duplicate row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Remove row %1 (no question)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n row(s) without a question</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Remove row %1 (no answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n row(s) without an answer</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Trim spaces in row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Trim spaces in %n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Remove %1 from row %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove special tokens from %n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Remove long row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n long example(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Remove conversation row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n conversation row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Lower-case all prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower-case all completions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1” from every prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1” from every answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always end prompts with “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always end answers with “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Start %n answer(s) with a space</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As Markdown (.md)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As JSON (.json)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the file&apos;s bytes become characters. Choose the one that makes the preview readable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which column holds what?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a column…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (detected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) below the header</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>header in row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>showing the first %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This workbook has %n sheet(s): choose the one that holds the examples.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The file is not UTF-8; it was read as %1. If the text looks wrong, choose another encoding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the start of this large file is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another column has the same name; rename one of them in the file to use this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sheet is empty. Choose another sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has no data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose which column holds the questions and which the answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose which column holds the questions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose which column holds the answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column “%1” is chosen for both %2 and %3; each column can hold one thing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions from “%1”, answers from “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app did not recognise the question and answer columns of this file by their names. Choose which column holds the questions and which the answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column “%1” is not in the file any more. Choose the columns again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text could not be read (line %1). Choose the encoding that makes the preview readable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text could not be read. Choose the encoding that makes the preview readable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a text encoding this computer knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 cannot be read as %2. Choose another encoding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text encoding could not be recognised (line %1). Choose an encoding above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question / prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer / completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected answer (DPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split (train / validation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported as: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssueWords</name>
    <message numerus="yes">
        <source>%n answer(s) do not start with a space; with the legacy models&apos; tokenizer a leading space works better.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Issues</name>
    <message>
        <source>The dataset has no examples yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 examples: training needs at least %2. Add more rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 examples: it works, but %2 or more usually give clearly better results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt (question) is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens: more than the model trains on (%2); the rest is cut off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contains %1, usually left over from another tool&apos;s chat template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The completion (answer) is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same question and answer as row %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very long example (%1 characters): it may be cut off in training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 example(s) have no system message. A system prompt for every row (above the table) usually helps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt starts or ends with spaces or line breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer starts or ends with spaces or line breaks: the model learns them too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system message starts or ends with spaces or line breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rejected answer starts or ends with spaces or line breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answers repeat a few labels: this data trains a classifier. Keep some rows aside for validation to measure how well it classifies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data trains the model to write an answer for each prompt (conditional generation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every prompt is empty: the data trains the model to write freely (open-ended generation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A conversation of several messages: prompt/completion models (davinci-002, babbage-002) train on one question and one answer only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt/completion models have no system message: system prompts are left out of the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same prompt and answer as row %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very long example (%1 characters of prompt and answer): keep examples under 2048 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than a third of the letters in the answers are capitals; models do better on normal case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than a third of the letters in the prompts are capitals; models do better on normal case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All prompts are the same (“%1”): leave them all empty for open-ended generation, or make them differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All answers are the same (“%1”): the model would only learn to repeat it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All prompts end with “%1”: it is the separator that tells the model where the answer begins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompts do not end with a common separator: exports add “%1” to each (end your prompts with it when you use the model).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports end every prompt with the chosen separator “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompts do not end with a common separator and exports add none: “%1” would tell the model where the answer begins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The separator “%1” is very long; a shorter one such as “%2” works as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 prompts contain the separator “%2” before their end: a separator found in no prompt, such as “%3”, tells the model where the prompt ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answers contain the ending “%2” before their end: an ending found in no answer, such as “%3”, tells the model where to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt contains the separator “%1” before its end: the model may start answering there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All prompts start with “%1”. Fine-tuning needs no instructions or examples in the prompt: usually only the input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All answers start with “%1”. Usually an answer should hold only the output, without a prefix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All answers end with “%1”: it is the ending that tells the model where to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answers do not end with a common ending: exports add “%1” to each (use it as the stop sequence with the model).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports end every answer with the chosen ending “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answers do not end with a common ending and exports add none: “%1” would tell the model where to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ending “%1” is very long; a shorter one such as “%2” works as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer contains the ending “%1” before its end: the model may stop there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workbook has %1 sheets (%2); the sheet “%3” was read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignored column(s) %1: only prompt, completion and system are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped %1 empty row(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not UTF-8; it was read as %1. Check that the text looks right.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobNotifier</name>
    <message>
        <source>FineTune Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is ready: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Checking file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobsTab</name>
    <message>
        <source>New job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a model on the examples in the Data tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search jobs (name, model, id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new job with the same files and settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with this checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>As of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the service…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service does not report a job&apos;s events: only its status is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 no longer exists on the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service gave no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not train on the file. Fix the rows it names in the Data tab (its check results point at most such problems), then start a new job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account&apos;s quota or spending limit was reached: check billing with the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service refused the data under its usage policies. Remove the examples it objects to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again later; if it fails again, contact the service with the job&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preference (DPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epochs %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch size %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate ×%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>beta %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with validation data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service does not keep checkpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service keeps a model at the end of some epochs. Chat with one to compare it with the final model (an earlier one may have overfitted less).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints appear here as training reaches the end of an epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause training?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause “%1”? It keeps its progress and goes on when you resume it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume training?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume “%1”? Training goes on from where it paused, and is billed again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your API key in Settings to see your training jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading jobs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No training jobs yet. Prepare examples in the Data tab, then “New job…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job list could not be loaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training finished: %1 is ready. Try it in the Chat tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a job to follow it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a job to see what happened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(when training succeeds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting “%1” again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service already has this file (%1): not uploading it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded as %1. Creating the job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 created. Its progress appears below as it trains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel training?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel “%1”? Training stops and cannot be continued later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobsTableModel</name>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LongTextEditor</name>
    <message>
        <source>Edit anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the changes (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This text has a line of over a million characters, too long to show here. Only the beginning is shown, read-only; the text itself stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This text has a very long line without line breaks. Editing it is slow (every key lays the whole line out again), so it opens read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows line breaks (CR LF) are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>␍ marks a carriage return (\r) in the text; it is kept as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening… %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>about %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FineTune Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice mode — simulated, nothing is sent anywhere. Switch to a real service in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings could not be read, so the defaults are in use. The old file was kept beside the new one (hover for details).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open examples…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service and API key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training prices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About FineTune Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FineTune Desk %1
Fine-tune language models with clicks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add your API key in Settings first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your model %1 shuts down on %2: its base model is being retired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of your models shut down soon, the first on %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Show models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice mode: simulated service on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: reading the API key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no API key yet — open Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key kept for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer, so your API key is kept only until you quit and is never written to disk. You will be asked for it again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your API key is stored in the system keyring (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected error occurred; the app kept running. It was written to the log: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerDialog</name>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on this answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticked: the model learns to write this answer. Unticked: it only sees it as earlier conversation (weight 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up (Alt+Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool call ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result of tool call:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool calls (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tool calls must be a JSON list: [ … ].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tool calls are not valid JSON (line %1, column %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only answers (assistant messages) can call tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only answers (assistant messages) can have a training weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer (assistant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No text: this answer only calls the tools below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the user says or asks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer the model should give…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the tool returned…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions for the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message has a training weight (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricsChart</name>
    <message>
        <source>Metrics appear here once training starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No accuracy figures reported for this job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No loss figures reported for this job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Trained from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuts down on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <source>Your models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected model from the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading your models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the model “%1”? Apps using it stop working, and it cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n fine-tuned model(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>You have no fine-tuned models on this service yet. They appear here when a job succeeds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of your models has/have shut down and no longer answer(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your models shut(s) down within %1 days, the first on %2 (%3). To keep using a model, train it again on a newer base model.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelsTableModel</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuts down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After this date the service no longer answers with this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shut down on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (in %n day(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewJobDialog</name>
    <message>
        <source>New training job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (suffix):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct prices in Settings ▸ Training prices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice mode: training is simulated on this computer — nothing is sent anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI accepts new fine-tuning jobs only until 6 January 2027, and not at all from organisations that never fine-tuned before May 2026. If the job is refused, your data stays here: export it or use another service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JSONL file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a JSONL file to train on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation data (optional, not charged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a JSONL file of validation examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model and method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a base model, or type the id of any model the service offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervised: learn the answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPO: prefer the chosen answer over the rejected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPO (direct preference optimisation) needs a rejected answer in every example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same seed and settings give a repeatable run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPO beta:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Higher values keep the model closer to the base model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning-rate multiplier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to 16 labels stored with the job, e.g. project = tea-house; the service can filter by them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks and cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I reviewed the warnings and want to train anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt/completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chat, DPO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shuts down %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listed by the service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / 1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name may use letters, digits, “-”, “_” and “.” (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The examples in the Data tab (%n example(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The Data tab&apos;s validation split (%n example(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The Data tab&apos;s validation split (none made)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not used) </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n example(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Trains on prompt/completion pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trains on chat messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPO available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no DPO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>examples up to %1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the catalogue: the service decides what it accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preference pairs (DPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n training example(s) will be uploaded as %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The training file cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validation file cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Data tab&apos;s examples could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 trains on prompt/completion pairs only; DPO needs a chat model such as GPT-4o mini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not offer DPO; choose GPT-4o mini, GPT-4.1 mini or GPT-4.1 nano.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPO learns from pairs of a preferred and a rejected answer, and these examples have no rejected answers. Add them in the Data tab (column “rejected”), or choose Supervised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 trains on single prompt/completion pairs, but %n example(s) are conversations (several messages, tool calls or tools). Choose a chat model such as GPT-4o mini.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Metadata holds at most %1 pairs; remove some.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata row %1 has a value but no key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata key “%1” is longer than %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata value for “%1” is longer than %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata key “%1” is there twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The examples were checked in the Data tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the examples and counting tokens …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing checked yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The examples could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix them in the Data tab (see “Check results”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the file, or open it in the Data tab to see and fix every row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The training data has %n error(s) that stop training, e.g. “%1”</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The validation examples have no rejected answers; DPO validates on preference pairs too. Choose validation data with rejected answers, or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The validation data has %n error(s) that stop training, e.g. “%1”</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Checked for %1: no problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked for %1: %2 error(s), %3 warning(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see the Data tab&apos;s “Check results”).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 billed tokens per epoch × %n epoch(s) = %2 tokens.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) are cut at the model&apos;s limit and billed up to it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens could not be counted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated cost: %1 (%2 per 1M tokens, price of %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice mode is free; a paid service would charge %1 (%2 per 1M tokens, price of %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price unknown for %1: the cost cannot be estimated (Settings ▸ Training prices…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation examples are not charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start practice training (free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training (price unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than $0.01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a base model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt/completion pairs (legacy model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chat messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained model will be called: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training price: %1 per 1M tokens, checked on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No training price is known for this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shuts down on %2; models trained from it stop working on that day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PriceTableModel</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price per 1M tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to change the price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked more than a year ago: the price may have changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PricesDialog</name>
    <message>
        <source>Training prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost estimates use these prices, in US dollars per 1 million training tokens. When your provider&apos;s price list changes, double-click a price to correct it: your prices are kept on this computer and replace the ones that came with the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore shipped prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget every price you changed and use the app&apos;s own again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a price: type a number, 0 or more (for example 3.00).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your damaged price file was kept as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your prices could not be saved (%1); they are used until you quit. Check that %2 can be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your price file could not be read, so the prices that came with the app are used. Correcting a price here replaces it (the damaged file is kept beside it). Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price list that came with the app is damaged; reinstalling the app repairs it. Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s prices were last checked on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You changed %n price(s); they are saved in %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Dates in amber are more than a year old: check those prices.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>The profile has no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Azure endpoint is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Azure endpoint must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API version is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key contains a space; paste it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key contains characters keys never have (full-width letters?); paste it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice (simulated, free, no key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible (LiteLLM, Zhipu, Nebius, LocalAI …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is kept in the system keyring (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secure keyring is available, so the key is kept for this session only and is never written to disk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice mode runs a simulated training service on this computer: free, no key, nothing is sent anywhere. Use it to learn the whole flow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Azure endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My OpenAI account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved — type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the keyring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty for api.openai.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization and project IDs use only Latin letters, digits and dashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Practice mode is ready: it runs on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connected. The service offers %n model(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenStatsDialog</name>
    <message>
        <source>Token statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) counted for %1 (tokenizer %2).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>P10 / P90: 10% of the examples are below the first, 10% above the second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens billed per epoch: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Epochs chosen automatically for %n example(s): %1 (3, raised for small and lowered for large datasets)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens trained in all: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) longer than the model&apos;s limit of %1 tokens (cut in training)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Estimated cost: about $%1 at $%2 per million tokens (price of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No price is known for this model, so no cost is estimated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Show %n earlier message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
