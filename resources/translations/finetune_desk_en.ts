<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>DataTab</name>
    <message numerus="yes">
        <source>%n example(s)</source>
        <translation><numerusform>%n example</numerusform><numerusform>%n examples</numerusform></translation>
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
    <name>FindReplaceDialog</name>
    <message numerus="yes">
        <source>A filter is active: replaces only in the %n row(s) shown</source>
        <translation><numerusform>A filter is active: replaces only in the %n row shown</numerusform><numerusform>A filter is active: replaces only in the %n rows shown</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Replaces in all %n row(s): prompt, completion and system.</source>
        <translation><numerusform>Replaces in all %n row: prompt, completion and system.</numerusform><numerusform>Replaces in all %n rows: prompt, completion and system.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Replaced in %n cell(s). Edit → Undo puts them back.</source>
        <translation><numerusform>Replaced in %n cell. Edit → Undo puts them back.</numerusform><numerusform>Replaced in %n cells. Edit → Undo puts them back.</numerusform></translation>
    </message>
</context>
<context>
    <name>JobsTab</name>
    <message numerus="yes">
        <source>The examples in the Data tab have %n problem(s) to fix before training (see “Check results”).</source>
        <translation><numerusform>The examples in the Data tab have %n problem to fix before training (see “Check results”).</numerusform><numerusform>The examples in the Data tab have %n problems to fix before training (see “Check results”).</numerusform></translation>
    </message>
</context>
<context>
    <name>NewJobDialog</name>
    <message numerus="yes">
        <source>%n example(s) from the Data tab will be uploaded as %1.</source>
        <translation><numerusform>%n example from the Data tab will be uploaded as %1.</numerusform><numerusform>%n examples from the Data tab will be uploaded as %1.</numerusform></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>Connected. The service offers %n model(s).</source>
        <translation><numerusform>Connected. The service offers %n model.</numerusform><numerusform>Connected. The service offers %n models.</numerusform></translation>
    </message>
</context>
</TS>