<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>AnswerWords</name>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation><numerusform>%n token</numerusform><numerusform>%n tokens</numerusform></translation>
    </message>
</context>
<context>
    <name>DataTab</name>
    <message numerus="yes">
        <source>Open the %n readable record(s)</source>
        <translation><numerusform>Open the %n readable record</numerusform><numerusform>Open the %n readable records</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n example(s)</source>
        <translation><numerusform>%n example</numerusform><numerusform>%n examples</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%n error</numerusform><numerusform>%n errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%n warning</numerusform><numerusform>%n warnings</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) too long for this model</source>
        <translation><numerusform>%n row too long for this model</numerusform><numerusform>%n rows too long for this model</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n example(s) to %1</source>
        <translation><numerusform>Exported %n example to %1</numerusform><numerusform>Exported %n examples to %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Restored %n example(s) you were editing last time.</source>
        <translation><numerusform>Restored %n example you were editing last time.</numerusform><numerusform>Restored %n examples you were editing last time.</numerusform></translation>
    </message>
</context>
<context>
    <name>DatasetTableModel</name>
    <message numerus="yes">
        <source>A conversation of %n message(s); double-click to edit it.</source>
        <translation><numerusform>A conversation of %n message; double-click to edit it.</numerusform><numerusform>A conversation of %n messages; double-click to edit it.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n turn(s)</source>
        <translation><numerusform>%n turn</numerusform><numerusform>%n turns</numerusform></translation>
    </message>
</context>
<context>
    <name>FilesDialog</name>
    <message numerus="yes">
        <source>Delete %n file(s) from the service? This cannot be undone.</source>
        <translation><numerusform>Delete %n file from the service? This cannot be undone.</numerusform><numerusform>Delete %n files from the service? This cannot be undone.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n file(s).</source>
        <translation><numerusform>Deleted %n file.</numerusform><numerusform>Deleted %n files.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1 in all.</source>
        <translation><numerusform>%n file, %1 in all.</numerusform><numerusform>%n files, %1 in all.</numerusform></translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message numerus="yes">
        <source>A filter is active: replaces only in the %n row(s) shown</source>
        <translation><numerusform>A filter is active: replaces only in the %n row shown</numerusform><numerusform>A filter is active: replaces only in the %n rows shown</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Replaces in all %n row(s): prompt, completion, system, rejected answer and note.</source>
        <translation><numerusform>Replaces in all %n row: prompt, completion, system, rejected answer and note.</numerusform><numerusform>Replaces in all %n rows: prompt, completion, system, rejected answer and note.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Replaced in %n cell(s). Edit → Undo puts them back.</source>
        <translation><numerusform>Replaced in %n cell. Edit → Undo puts them back.</numerusform><numerusform>Replaced in %n cells. Edit → Undo puts them back.</numerusform></translation>
    </message>
</context>
<context>
    <name>FixWords</name>
    <message numerus="yes">
        <source>Remove %n duplicate row(s)</source>
        <translation><numerusform>Remove %n duplicate row</numerusform><numerusform>Remove %n duplicate rows</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n row(s) without a question</source>
        <translation><numerusform>Remove %n row without a question</numerusform><numerusform>Remove %n rows without a question</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n row(s) without an answer</source>
        <translation><numerusform>Remove %n row without an answer</numerusform><numerusform>Remove %n rows without an answer</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Trim spaces in %n row(s)</source>
        <translation><numerusform>Trim spaces in %n row</numerusform><numerusform>Trim spaces in %n rows</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Remove special tokens from %n row(s)</source>
        <translation><numerusform>Remove special tokens from %n row</numerusform><numerusform>Remove special tokens from %n rows</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n long example(s)</source>
        <translation><numerusform>Remove %n long example</numerusform><numerusform>Remove %n long examples</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n conversation row(s)</source>
        <translation><numerusform>Remove %n conversation row</numerusform><numerusform>Remove %n conversation rows</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Start %n answer(s) with a space</source>
        <translation><numerusform>Start %n answer with a space</numerusform><numerusform>Start %n answers with a space</numerusform></translation>
    </message>
</context>
<context>
    <name>GuidePanel</name>
    <message numerus="yes">
        <source>%n error(s) must be fixed first: they are listed under the table, most with a Fix button.</source>
        <translation><numerusform>%n error must be fixed first: they are listed under the table, most with a Fix button.</numerusform><numerusform>%n errors must be fixed first: they are listed under the table, most with a Fix button.</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n row(s) below the header</source>
        <translation><numerusform>%n row below the header</numerusform><numerusform>%n rows below the header</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>showing the first %n</source>
        <translation><numerusform>showing the first %n</numerusform><numerusform>showing the first %n</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation><numerusform>%n line</numerusform><numerusform>%n lines</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>This workbook has %n sheet(s): choose the one that holds the examples.</source>
        <translation><numerusform>This workbook has %n sheet: choose the one that holds the examples.</numerusform><numerusform>This workbook has %n sheets: choose the one that holds the examples.</numerusform></translation>
    </message>
</context>
<context>
    <name>IssueWords</name>
    <message numerus="yes">
        <source>%n example(s) have no system message. A system prompt for every row (above the table) usually helps.</source>
        <translation><numerusform>%n example have no system message. A system prompt for every row (above the table) usually helps.</numerusform><numerusform>%n examples have no system message. A system prompt for every row (above the table) usually helps.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n empty row(s).</source>
        <translation><numerusform>Skipped %n empty row.</numerusform><numerusform>Skipped %n empty rows.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Ignored column(s) %1: only prompt, completion and system are used.</source>
        <translation><numerusform>Ignored column %1: only prompt, completion and system are used.</numerusform><numerusform>Ignored columns %1: only prompt, completion and system are used.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) do not start with a space; with the legacy models' tokenizer a leading space works better.</source>
        <translation><numerusform>%n answer do not start with a space; with the legacy models' tokenizer a leading space works better.</numerusform><numerusform>%n answers do not start with a space; with the legacy models' tokenizer a leading space works better.</numerusform></translation>
    </message>
</context>
<context>
    <name>JobsTab</name>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation><numerusform>%n minute ago</numerusform><numerusform>%n minutes ago</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation><numerusform>%n hour ago</numerusform><numerusform>%n hours ago</numerusform></translation>
    </message>
</context>
<context>
    <name>LongTextEditor</name>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation><numerusform>%Ln character</numerusform><numerusform>%Ln characters</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s)</source>
        <translation><numerusform>%Ln line</numerusform><numerusform>%Ln lines</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n of your models shut down soon, the first on %1.</source>
        <translation><numerusform>%n of your models shut down soon, the first on %1.</numerusform><numerusform>%n of your models shut down soon, the first on %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message numerus="yes">
        <source>%n fine-tuned model(s).</source>
        <translation><numerusform>%n fine-tuned model.</numerusform><numerusform>%n fine-tuned models.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n of your models has/have shut down and no longer answer(s).</source>
        <translation><numerusform>%n of your models has/have shut down and no longer answer.</numerusform><numerusform>%n of your models has/have shut down and no longer answers.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n of your models shut(s) down within %1 days, the first on %2 (%3). To keep using a model, train it again on a newer base model.</source>
        <translation><numerusform>%n of your models shut down within %1 days, the first on %2 (%3). To keep using a model, train it again on a newer base model.</numerusform><numerusform>%n of your models shuts down within %1 days, the first on %2 (%3). To keep using a model, train it again on a newer base model.</numerusform></translation>
    </message>
</context>
<context>
    <name>ModelsTableModel</name>
    <message numerus="yes">
        <source>%1 (in %n day(s))</source>
        <translation><numerusform>%1 (in %n day)</numerusform><numerusform>%1 (in %n days)</numerusform></translation>
    </message>
</context>
<context>
    <name>NewJobDialog</name>
    <message numerus="yes">
        <source>The examples in the Data tab (%n example(s))</source>
        <translation><numerusform>The examples in the Data tab (%n example)</numerusform><numerusform>The examples in the Data tab (%n examples)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The Data tab's validation split (%n example(s))</source>
        <translation><numerusform>The Data tab's validation split (%n example)</numerusform><numerusform>The Data tab's validation split (%n examples)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n example(s)</source>
        <translation><numerusform>%1: %n example</numerusform><numerusform>%1: %n examples</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n training example(s) will be uploaded as %1.</source>
        <translation><numerusform>%n training example will be uploaded as %1.</numerusform><numerusform>%n training examples will be uploaded as %1.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 trains on single prompt/completion pairs, but %n example(s) are conversations (several messages, tool calls or tools). Choose a chat model such as GPT-4o mini.</source>
        <translation><numerusform>%1 trains on single prompt/completion pairs, but %n example are conversations (several messages, tool calls or tools). Choose a chat model such as GPT-4o mini.</numerusform><numerusform>%1 trains on single prompt/completion pairs, but %n examples are conversations (several messages, tool calls or tools). Choose a chat model such as GPT-4o mini.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The training data has %n error(s) that stop training, e.g. “%1”</source>
        <translation><numerusform>The training data has %n error that stop training, e.g. “%1”</numerusform><numerusform>The training data has %n errors that stop training, e.g. “%1”</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The validation data has %n error(s) that stop training, e.g. “%1”</source>
        <translation><numerusform>The validation data has %n error that stop training, e.g. “%1”</numerusform><numerusform>The validation data has %n errors that stop training, e.g. “%1”</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%n error</numerusform><numerusform>%n errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%n warning</numerusform><numerusform>%n warnings</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see the Data tab's “Check results”).</source>
        <translation><numerusform>… and %n more (see the Data tab's “Check results”).</numerusform><numerusform>… and %n more (see the Data tab's “Check results”).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%1 billed tokens per epoch × %n epoch(s) = %2 tokens.</source>
        <translation><numerusform>%1 billed tokens per epoch × %n epoch = %2 tokens.</numerusform><numerusform>%1 billed tokens per epoch × %n epochs = %2 tokens.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) are cut at the model's limit and billed up to it.</source>
        <translation><numerusform>%n example are cut at the model's limit and billed up to it.</numerusform><numerusform>%n examples are cut at the model's limit and billed up to it.</numerusform></translation>
    </message>
</context>
<context>
    <name>PricesDialog</name>
    <message numerus="yes">
        <source>You changed %n price(s); they are saved in %1.</source>
        <translation><numerusform>You changed %n price; they are saved in %1.</numerusform><numerusform>You changed %n prices; they are saved in %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>Connected. The service offers %n model(s).</source>
        <translation><numerusform>Connected. The service offers %n model.</numerusform><numerusform>Connected. The service offers %n models.</numerusform></translation>
    </message>
</context>
<context>
    <name>TokenStatsDialog</name>
    <message numerus="yes">
        <source>%n example(s) counted for %1 (tokenizer %2).</source>
        <translation><numerusform>%n example counted for %1 (tokenizer %2).</numerusform><numerusform>%n examples counted for %1 (tokenizer %2).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Epochs chosen automatically for %n example(s): %1 (3, raised for small and lowered for large datasets)</source>
        <translation><numerusform>Epochs chosen automatically for %n example: %1 (3, raised for small and lowered for large datasets)</numerusform><numerusform>Epochs chosen automatically for %n examples: %1 (3, raised for small and lowered for large datasets)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) longer than the model's limit of %1 tokens (cut in training)</source>
        <translation><numerusform>%n example longer than the model's limit of %1 tokens (cut in training)</numerusform><numerusform>%n examples longer than the model's limit of %1 tokens (cut in training)</numerusform></translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message numerus="yes">
        <source>Show %n earlier message(s)</source>
        <translation><numerusform>Show %n earlier message</numerusform><numerusform>Show %n earlier messages</numerusform></translation>
    </message>
</context>
</TS>