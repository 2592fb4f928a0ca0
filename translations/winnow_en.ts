<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>winnow::gui::MainWindow</name>
    <message numerus="yes">
        <source>%n job(s) still running. Cancel them and quit?</source>
        <translation>
            <numerusform>%n job still running. Cancel it and quit?</numerusform>
            <numerusform>%n jobs still running. Cancel them and quit?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Training %1 for %n epoch(s)…</source>
        <translation>
            <numerusform>Training %1 for %n epoch…</numerusform>
            <numerusform>Training %1 for %n epochs…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>winnow::gui::ReviewWindow</name>
    <message numerus="yes">
        <source>Train a new %1 model for %n epoch(s) on label version %2 (the config of run %3; excluded samples are left out), then score it with %4?</source>
        <translation>
            <numerusform>Train a new %1 model for %n epoch on label version %2 (the config of run %3; excluded samples are left out), then score it with %4?</numerusform>
            <numerusform>Train a new %1 model for %n epochs on label version %2 (the config of run %3; excluded samples are left out), then score it with %4?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n review decision(s) not applied yet: %1 relabel, %2 exclude, %3 include. This uses the applied labels only.</source>
        <translation>
            <numerusform>%n review decision not applied yet: %1 relabel, %2 exclude, %3 include. This uses the applied labels only.</numerusform>
            <numerusform>%n review decisions not applied yet: %1 relabel, %2 exclude, %3 include. This uses the applied labels only.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>winnow::widgets::CmoPreviewDialog</name>
    <message numerus="yes">
        <source>%n draw(s), seed %1</source>
        <translation>
            <numerusform>%n draw, seed %1</numerusform>
            <numerusform>%n draws, seed %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>winnow::widgets::RetrainJob</name>
    <message numerus="yes">
        <source>Retrain on the cleaned labels (%n epoch(s))</source>
        <translation>
            <numerusform>Retrain on the cleaned labels (%n epoch)</numerusform>
            <numerusform>Retrain on the cleaned labels (%n epochs)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>winnow::widgets::ReviewWidget</name>
    <message numerus="yes">
        <source>%n decisions saved</source>
        <translation>
            <numerusform>%n decision saved</numerusform>
            <numerusform>%n decisions saved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dashboard selection: %n sample(s)</source>
        <translation>
            <numerusform>Dashboard selection: %n sample</numerusform>
            <numerusform>Dashboard selection: %n samples</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n decision(s)</source>
        <translation>
            <numerusform>Undone: %n decision</numerusform>
            <numerusform>Undone: %n decisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Redone: %n decision(s)</source>
        <translation>
            <numerusform>Redone: %n decision</numerusform>
            <numerusform>Redone: %n decisions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>winnow::widgets::TrainingJob</name>
    <message numerus="yes">
        <source>Train %1 (%n epoch(s))</source>
        <translation>
            <numerusform>Train %1 (%n epoch)</numerusform>
            <numerusform>Train %1 (%n epochs)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>winnow::widgets::TrustedSetManager</name>
    <message numerus="yes">
        <source>⚠ %n class(es) have fewer than %1 trusted samples.</source>
        <translation>
            <numerusform>⚠ %n class has fewer than %1 trusted samples.</numerusform>
            <numerusform>⚠ %n classes have fewer than %1 trusted samples.</numerusform>
        </translation>
    </message>
</context>
</TS>
