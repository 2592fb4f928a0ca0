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
</context>
</TS>
