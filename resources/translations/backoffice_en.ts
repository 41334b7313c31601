<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AbsenceDialog</name>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="76"/>
        <source>Abwesenheit eintragen</source>
        <translation>Add absence</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="85"/>
        <source>Kolleginnen und Kollegen dürfen Fälle übernehmen</source>
        <translation>Colleagues may take over cases</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="87"/>
        <source>nein, sie bleiben in der Warteschlange</source>
        <translation>no, they stay in the queue</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="88"/>
        <source>ja, reihum an die Anwesenden</source>
        <translation>yes, in turn to those present</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="89"/>
        <source>ja, an die Anwesenden mit den wenigsten offenen Fällen</source>
        <translation>yes, to those present with the fewest open cases</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="94"/>
        <source>&amp;Mitarbeiter/in:</source>
        <translation>&amp;Staff member:</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="95"/>
        <source>&amp;Von:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="96"/>
        <source>&amp;Bis einschließlich:</source>
        <translation>&amp;Until (inclusive):</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="98"/>
        <source>&amp;Neue Fälle der Abteilung verteilen:</source>
        <translation>&amp;Dispatch the department&apos;s new cases:</translation>
    </message>
</context>
<context>
    <name>AbsencePanel</name>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="73"/>
        <source>Mitarbeiter/in</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="73"/>
        <source>Von</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="73"/>
        <source>Bis einschließlich</source>
        <translation>Until (inclusive)</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="74"/>
        <source>Vertretung darf übernehmen</source>
        <translation>Cover may take over</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="74"/>
        <source>Neue Fälle</source>
        <translation>New cases</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="76"/>
        <source>Keine Abwesenheiten eingetragen – mit „Abwesenheit eintragen…“ Urlaub oder Krankheit erfassen; die Fälle der Person lassen sich dann umverteilen.</source>
        <translation>No absences recorded – use “Add absence…” to record leave or illness; the person&apos;s cases can then be redistributed.</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="78"/>
        <source>Abwesenheit &amp;eintragen…</source>
        <translation>Add &amp;absence…</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="79"/>
        <source>Abwesenheit &amp;beenden</source>
        <translation>&amp;End absence</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="80"/>
        <source>Fälle &amp;umverteilen…</source>
        <translation>&amp;Redistribute cases…</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="112"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="112"/>
        <source>nein</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="120"/>
        <source>reihum an die Anwesenden</source>
        <translation>in turn to those present</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="122"/>
        <source>an die Anwesenden mit den wenigsten offenen Fällen</source>
        <translation>to those present with the fewest open cases</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="123"/>
        <source>in die Warteschlange</source>
        <translation>to the queue</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="138"/>
        <source>Abwesenheit eingetragen.</source>
        <translation>Absence added.</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="143"/>
        <source>Abwesenheit beendet.</source>
        <translation>Absence ended.</translation>
    </message>
</context>
<context>
    <name>ActionBar</name>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="46"/>
        <source>&amp;Speichern</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="47"/>
        <source>Antragsdaten speichern (Strg+S)</source>
        <translation>Save the application data (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="61"/>
        <source>Frist &amp;verlängern…</source>
        <translation>&amp;Extend deadline…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="66"/>
        <source>Endgültig festsetzen…</source>
        <translation>Final assessment…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="67"/>
        <source>Vorläufig bewilligtes Elterngeld nach Eingang der Nachweise endgültig festsetzen (§ 8 Abs. 3 BEEG)</source>
        <translation>Assess a provisionally granted Elterngeld finally once the proof has arrived (§ 8 Abs. 3 BEEG)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="72"/>
        <source>&amp;Briefe…</source>
        <translation>&amp;Letters…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="73"/>
        <source>Bescheide und Schreiben dieses Falls: Vorschau, Erstellen, Drucken</source>
        <translation>Decisions and letters of this case: preview, create, print</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="87"/>
        <source>Bis zu %1 Arbeitstage, einmal je Fall</source>
        <translation>Up to %1 working days, once per case</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="89"/>
        <source>Die Frist wurde am %1 bereits verlängert.</source>
        <translation>The deadline was already extended on %1.</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/letters/approvals.py" line="48"/>
        <source>Briefe zur Freigabe</source>
        <translation>Letters awaiting approval</translation>
    </message>
    <message>
        <location filename="../../ui/letters/approvals.py" line="56"/>
        <source>Keine Briefe warten auf Freigabe – Briefe, die das Vier-Augen-Prinzip verlangt, erscheinen hier, sobald die Sachbearbeitung sie erstellt hat.</source>
        <translation>No letters await approval – letters that need a second person&apos;s approval appear here once the clerk has created them.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/approvals.py" line="65"/>
        <source>&amp;Freigeben</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <location filename="../../ui/letters/approvals.py" line="66"/>
        <source>&amp;Zurückweisen…</source>
        <translation>&amp;Send back…</translation>
    </message>
    <message>
        <location filename="../../ui/letters/approvals.py" line="67"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/letters/approvals.py" line="93"/>
        <source>Freigegeben: %1</source>
        <translation>Approved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/approvals.py" line="103"/>
        <source>Eine Zurückweisung braucht eine Begründung.</source>
        <translation>Sending a letter back needs a reason.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/approvals.py" line="105"/>
        <source>Zurückgewiesen: %1</source>
        <translation>Sent back: %1</translation>
    </message>
</context>
<context>
    <name>BescheidPanel</name>
    <message>
        <location filename="../../ui/letters/bescheid_panel.py" line="45"/>
        <source>Bescheid drucken</source>
        <translation>Print the decision notice</translation>
    </message>
    <message>
        <location filename="../../ui/letters/bescheid_panel.py" line="47"/>
        <source>Der Bescheid erscheint hier, sobald entschieden ist.</source>
        <translation>The decision notice appears here once the case is decided.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/bescheid_panel.py" line="63"/>
        <source>%1, Version %2 erstellt. Drucken mit %3.</source>
        <translation>%1, version %2 created. Print with %3.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/bescheid_panel.py" line="67"/>
        <source>%1 erstellt und der Teamleitung zur Freigabe vorgelegt. Gedruckt werden kann er erst nach der Freigabe (Druckwarteschlange); abgeschlossen wird der Fall nach dem Druck.</source>
        <translation>%1 created and submitted to the team lead for approval. It can only be printed once approved (print queue); the case is closed after printing.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/bescheid_panel.py" line="95"/>
        <source>Fall abschließen</source>
        <translation>Close case</translation>
    </message>
    <message>
        <location filename="../../ui/letters/bescheid_panel.py" line="96"/>
        <source>Fall %1 abschließen?</source>
        <translation>Close case %1?</translation>
    </message>
    <message>
        <location filename="../../ui/letters/bescheid_panel.py" line="97"/>
        <source>Der Bescheid ist gedruckt. Der Fall wird als erledigt abgeschlossen und verlässt die offenen Fälle; sein Fenster schließt sich.</source>
        <translation>The decision notice has been printed. The case will be closed as done and leave the open cases; its window closes.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/bescheid_panel.py" line="100"/>
        <source>&amp;Abschließen</source>
        <translation>&amp;Close case</translation>
    </message>
    <message>
        <location filename="../../ui/letters/bescheid_panel.py" line="101"/>
        <source>&amp;Noch nicht</source>
        <translation>&amp;Not yet</translation>
    </message>
</context>
<context>
    <name>BlocksPage</name>
    <message>
        <location filename="../../ui/letters/settings.py" line="61"/>
        <source>Baustein &amp;speichern</source>
        <translation>&amp;Save block</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="63"/>
        <source>&amp;Mitgelieferten Text wiederherstellen</source>
        <translation>&amp;Restore the shipped text</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="81"/>
        <source>Merge-Felder schreiben Sie als {{ feld }}. „## “ beginnt eine Überschrift, „- “ einen Aufzählungspunkt. Die Rechtsbehelfsbelehrungen werden von allen Bescheiden gemeinsam genutzt.</source>
        <translation>Write merge fields as {{ field }}. “## ” starts a heading, “- ” a bullet point. The legal-remedy notices are shared by every decision letter.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="101"/>
        <source>angepasst</source>
        <translation>adapted</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="101"/>
        <source>mitgeliefert</source>
        <translation>shipped</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="112"/>
        <source>Erlaubte Felder: %1</source>
        <translation>Allowed fields: %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="137"/>
        <source>Gespeichert: %1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>CaseCells</name>
    <message>
        <location filename="../../ui/models/case_cells.py" line="46"/>
        <source>Aktenzeichen</source>
        <translation>File number</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="47"/>
        <source>Leistung</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="48"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="49"/>
        <source>Antragsteller/in</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="50"/>
        <source>Eingang</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="51"/>
        <source>Zieldatum</source>
        <translation>Target date</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="52"/>
        <source>Frist</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="53"/>
        <source>Bearbeitung</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="54"/>
        <source>Warteschlange</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="55"/>
        <source>Wiedervorlage</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="65"/>
        <source>Wer den Fall bearbeitet (– : noch niemand)</source>
        <translation>Who works on the case (– : nobody yet)</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="66"/>
        <source>Ein Warnzeichen: für dieselbe Person ist ein weiterer Antrag dieser Leistung offen</source>
        <translation>A warning sign: another application of this service is open for the same person</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="130"/>
        <source>Möglicher Doppelantrag: Es gibt einen weiteren offenen Antrag dieser Person für diese Leistung.</source>
        <translation>Possible duplicate: this person has another open application for this service.</translation>
    </message>
    <message>
        <location filename="../../ui/models/case_cells.py" line="140"/>
        <source>Eingegangen am %1</source>
        <translation>Received on %1</translation>
    </message>
</context>
<context>
    <name>CaseController</name>
    <message>
        <location filename="../../ui/editor/controller.py" line="190"/>
        <source>Die Antragsdaten wurden inzwischen von anderer Seite geändert. Ihre Eingaben sind noch da; beim Speichern sehen Sie beide Fassungen.</source>
        <translation>The application data has been changed elsewhere in the meantime. Your entries are still here; when you save, you will see both versions.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="224"/>
        <source>Gespeichert.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="286"/>
        <source>Frist verlängert bis %1.</source>
        <translation>Deadline extended to %1.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="287"/>
        <source>Frist verlängern</source>
        <translation>Extend deadline</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="308"/>
        <source>Unterlagen angefordert; Wiedervorlage am %1.</source>
        <translation>Documents requested; follow-up on %1.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="325"/>
        <source>Die Notiz ist leer.</source>
        <translation>The note is empty.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="331"/>
        <source>Notiz hinzugefügt.</source>
        <translation>Note added.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="335"/>
        <source>Notiz hinzufügen</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="345"/>
        <source>Mit %1 verknüpft.</source>
        <translation>Linked with %1.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="349"/>
        <source>Verknüpfen</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="355"/>
        <source>Verknüpfung mit %1 gelöst.</source>
        <translation>Link with %1 removed.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="356"/>
        <source>Verknüpfung lösen</source>
        <translation>Remove link</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="365"/>
        <source>Unterlage abhaken</source>
        <translation>Tick document</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="372"/>
        <source>1 Unterlage abgehakt.</source>
        <translation>1 document ticked.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="373"/>
        <source>%1 Unterlagen abgehakt.</source>
        <translation>%1 documents ticked.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="378"/>
        <source>Vorschläge abhaken</source>
        <translation>Tick proposed documents</translation>
    </message>
    <message>
        <location filename="../../ui/editor/controller.py" line="402"/>
        <source>„%1“ wurde nicht ausgeführt: der Fall wurde inzwischen geändert.</source>
        <translation>“%1” was not carried out: the case has been changed meanwhile.</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <location filename="../../ui/editor/editor.py" line="92"/>
        <source>Wird geladen…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="135"/>
        <source>Vorgeschlagene &amp;Unterlagen übernehmen</source>
        <translation>Accept proposed &amp;documents</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="138"/>
        <source>&amp;Briefe…</source>
        <translation>&amp;Letters…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="187"/>
        <source>&amp;Antrag</source>
        <translation>&amp;Application</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="194"/>
        <source>Anlage %1 hinzugefügt.</source>
        <translation>Attachment %1 added.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="203"/>
        <location filename="../../ui/editor/editor.py" line="252"/>
        <source>&amp;Notizen</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="216"/>
        <source>&amp;Verlauf</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="223"/>
        <location filename="../../ui/editor/editor.py" line="253"/>
        <source>Ver&amp;knüpfungen</source>
        <translation>&amp;Links</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="336"/>
        <source>Nicht gespeichert: 1 Angabe ist unvollständig oder fehlerhaft (rot markiert).</source>
        <translation>Not saved: 1 entry is incomplete or wrong (marked red).</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="338"/>
        <source>Nicht gespeichert: %1 Angaben sind unvollständig oder fehlerhaft (rot markiert).</source>
        <translation>Not saved: %1 entries are incomplete or wrong (marked red).</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="346"/>
        <source>Nicht gespeichert: bitte die markierten Angaben prüfen.</source>
        <translation>Not saved: please check the marked entries.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="372"/>
        <source>Neu geladen; Ihre Änderungen wurden verworfen.</source>
        <translation>Reloaded; your changes were discarded.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="374"/>
        <source>Noch nicht gespeichert: der Fall wurde inzwischen geändert.</source>
        <translation>Not saved yet: the case has been changed meanwhile.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="382"/>
        <source>Ungespeicherte Änderungen</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="383"/>
        <source>Die Antragsdaten von %1 wurden geändert. Änderungen verwerfen?</source>
        <translation>The application data of %1 were changed. Discard the changes?</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="113"/>
        <source>Der Fall konnte nicht geladen werden.</source>
        <translation>The case could not be loaded.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="252"/>
        <source>&amp;Notizen (%1)</source>
        <translation>&amp;Notes (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/editor.py" line="253"/>
        <source>Ver&amp;knüpfungen (%1)</source>
        <translation>&amp;Links (%1)</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../../ui/editor/header.py" line="40"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="41"/>
        <source>Eingang</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="42"/>
        <source>Zieldatum</source>
        <translation>Target date</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="43"/>
        <source>Frist</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="44"/>
        <source>Fristenlauf</source>
        <translation>Deadline clock</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="45"/>
        <source>Wiedervorlage</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="46"/>
        <source>Bearbeitung</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="47"/>
        <source>Antwortweg</source>
        <translation>Reply channel</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="90"/>
        <source>angehalten seit %1</source>
        <translation>suspended since %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="93"/>
        <source>Die Frist ruht, solange Unterlagen angefordert sind; beim Eingang verschieben sich die Daten um die Wartezeit.</source>
        <translation>The clock stops while documents are requested; when they arrive the dates move by the time waited.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="96"/>
        <source>läuft</source>
        <translation>running</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="100"/>
        <source>verlängert am %1</source>
        <translation>extended on %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="105"/>
        <source>&lt;b&gt;Möglicher Doppelantrag:&lt;/b&gt; Für dieselbe Person (Name und Geburtsdatum) ist noch offen: %1</source>
        <translation>&lt;b&gt;Possible duplicate:&lt;/b&gt; still open for the same person (name and date of birth): %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="114"/>
        <source>E-Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="114"/>
        <source>De-Mail</source>
        <translation>De-Mail</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="114"/>
        <source>Servicekonto-Postfach</source>
        <translation>Service account mailbox</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="115"/>
        <source>ELSTER</source>
        <translation>ELSTER</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="118"/>
        <source>Post</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="121"/>
        <source>Bescheide gehen per Post an die Anschrift im Antrag.</source>
        <translation>Decisions are sent by post to the address in the application.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="124"/>
        <source>Online identifiziert: %1</source>
        <translation>Identified online: %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="126"/>
        <source>Zeichen des Onlinedienstes: %1</source>
        <translation>Reference of the online service: %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="133"/>
        <source>geb. %1</source>
        <translation>born %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="134"/>
        <source>Papierantrag</source>
        <translation>Paper application</translation>
    </message>
    <message>
        <location filename="../../ui/editor/header.py" line="134"/>
        <source>Onlineantrag</source>
        <translation>Online application</translation>
    </message>
</context>
<context>
    <name>CaseLettersDialog</name>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="61"/>
        <source>Briefe zu %1</source>
        <translation>Letters of %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="73"/>
        <source>Zu diesem Fall gibt es noch keine Briefe – unten eine Briefart wählen, dann „Vorschau“ oder „Erstellen“.</source>
        <translation>No letters for this case yet – choose a kind of letter below, then “Preview” or “Create”.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="78"/>
        <source>Unterlagen fordern Sie im Fall mit „Unterlagen anfordern“ an: Dabei werden auch die Frist und die Wiedervorlage gesetzt.</source>
        <translation>Request documents in the case with “Request documents”: that also sets the deadline and the follow-up date.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="82"/>
        <source>&amp;Vorschau</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="84"/>
        <source>&amp;Erstellen</source>
        <translation>&amp;Create</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="86"/>
        <source>&amp;Anzeigen / Drucken</source>
        <translation>&amp;Show / print</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="88"/>
        <source>In die &amp;Druckwarteschlange</source>
        <translation>Add to print &amp;queue</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="94"/>
        <source>Neuer Brief:</source>
        <translation>New letter:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="160"/>
        <source>Zum Druck vorgemerkt.</source>
        <translation>Queued for printing.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="164"/>
        <source>%1, Version %2 erstellt.</source>
        <translation>%1, version %2 created.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="166"/>
        <source>Er wartet auf die Freigabe durch die Teamleitung.</source>
        <translation>It awaits approval by the team lead.</translation>
    </message>
</context>
<context>
    <name>CaseLettersModel</name>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="39"/>
        <source>Entwurf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="40"/>
        <source>wartet auf Freigabe</source>
        <translation>awaiting approval</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="41"/>
        <source>endgültig</source>
        <translation>final</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="42"/>
        <source>ersetzt / zurückgewiesen</source>
        <translation>replaced / sent back</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="45"/>
        <source>Brief</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="46"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="47"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="48"/>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="49"/>
        <source>Erstellt von</source>
        <translation>Created by</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="50"/>
        <source>Erstellt</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="51"/>
        <source>Freigabe</source>
        <translation>Approval</translation>
    </message>
    <message>
        <location filename="../../ui/letters/case_letters.py" line="52"/>
        <source>Anmerkung der Teamleitung</source>
        <translation>Team lead&apos;s comment</translation>
    </message>
</context>
<context>
    <name>CaseList</name>
    <message>
        <location filename="../../ui/views/case_list.py" line="77"/>
        <source>Wird geladen…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/views/case_list.py" line="167"/>
        <source>über %1 Fälle</source>
        <translation>more than %1 cases</translation>
    </message>
    <message>
        <location filename="../../ui/views/case_list.py" line="169"/>
        <source>1 Fall</source>
        <translation>1 case</translation>
    </message>
    <message>
        <location filename="../../ui/views/case_list.py" line="169"/>
        <source>%1 Fälle</source>
        <translation>%1 cases</translation>
    </message>
    <message>
        <location filename="../../ui/views/case_list.py" line="170"/>
        <source>%1 (gefiltert)</source>
        <translation>%1 (filtered)</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../../ui/teamlead/cases.py" line="58"/>
        <source>Klicken Sie auf eine Kennzahl, um ihre Fälle zu sehen.</source>
        <translation>Click a figure to see its cases.</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/cases.py" line="63"/>
        <source>&amp;Zuweisen an…</source>
        <translation>&amp;Assign to…</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/cases.py" line="114"/>
        <source>1 Fall zugewiesen.</source>
        <translation>1 case assigned.</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/cases.py" line="115"/>
        <source>%1 Fälle zugewiesen.</source>
        <translation>%1 cases assigned.</translation>
    </message>
</context>
<context>
    <name>CaseSteps</name>
    <message>
        <location filename="../../ui/editor/steps.py" line="74"/>
        <source>Fall %1 abschließen? Er ist danach erledigt und nicht mehr in den offenen Fällen; sein Fenster schließt sich.</source>
        <translation>Close case %1? It is then done and no longer among the open cases; its window closes.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/steps.py" line="76"/>
        <source>Rücknahme des Antrags %1 erfassen? Der Fall wird damit beendet.</source>
        <translation>Record the withdrawal of application %1? This ends the case.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/steps.py" line="77"/>
        <source>Fall %1 an die zuständige Stelle weiterleiten? Er ist danach hier beendet.</source>
        <translation>Forward case %1 to the competent authority? It then ends here.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/steps.py" line="79"/>
        <source>Aktion für %1 ausführen?</source>
        <translation>Carry out the action for %1?</translation>
    </message>
    <message>
        <location filename="../../ui/editor/steps.py" line="94"/>
        <source>Entschieden.</source>
        <translation>Decided.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/steps.py" line="109"/>
        <source>Endgültig festgesetzt.</source>
        <translation>Finally assessed.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/steps.py" line="110"/>
        <source>Endgültig festsetzen</source>
        <translation>Assess finally</translation>
    </message>
    <message>
        <location filename="../../ui/editor/steps.py" line="132"/>
        <source>Die Frist wurde am %1 bereits verlängert; sie kann nur einmal verlängert werden.</source>
        <translation>The deadline was already extended on %1; it can be extended only once.</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../ui/models/case_table.py" line="393"/>
        <source>Fehler beim Laden</source>
        <translation>Failed to load</translation>
    </message>
</context>
<context>
    <name>CaseTableView</name>
    <message>
        <location filename="../../ui/views/case_table_view.py" line="242"/>
        <source>Spalten an Inhalt &amp;anpassen</source>
        <translation>&amp;Fit columns to content</translation>
    </message>
    <message>
        <location filename="../../ui/views/case_table_view.py" line="243"/>
        <source>Spalten &amp;zurücksetzen</source>
        <translation>&amp;Reset columns</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../ui/views/case_view.py" line="51"/>
        <source>&amp;Fall</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <location filename="../../ui/views/case_view.py" line="55"/>
        <source>Fenster schließen</source>
        <translation>Close window</translation>
    </message>
    <message>
        <location filename="../../ui/views/case_view.py" line="83"/>
        <source>Fall %1</source>
        <translation>Case %1</translation>
    </message>
</context>
<context>
    <name>Composition</name>
    <message>
        <location filename="../../ui/composition.py" line="243"/>
        <source>Die Datenbank passt nicht zu dieser Programmversion. Bitte wenden Sie sich an die IT.</source>
        <translation>The database does not match this version of the program. Please contact IT.</translation>
    </message>
    <message>
        <location filename="../../ui/composition.py" line="253"/>
        <source>Die Datenbank ist nicht erreichbar.</source>
        <translation>The database cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../ui/composition.py" line="260"/>
        <source>Die Datenbank konnte nicht auf den Stand dieser Programmversion gebracht werden. Bitte wenden Sie sich an die IT.</source>
        <translation>The database could not be brought up to this program version. Please contact IT.</translation>
    </message>
    <message>
        <location filename="../../ui/composition.py" line="270"/>
        <source>Backoffice</source>
        <translation>Backoffice</translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="73"/>
        <source>Portal-URL (Submission API):</source>
        <translation>Portal URL (Submission API):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="74"/>
        <source>Token-URL (OAuth):</source>
        <translation>Token URL (OAuth):</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="75"/>
        <source>Client-ID:</source>
        <translation>Client ID:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="76"/>
        <source>Client-Secret:</source>
        <translation>Client secret:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="79"/>
        <source>nicht abonniert</source>
        <translation>not subscribed</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="80"/>
        <source>Destination-ID %1:</source>
        <translation>Destination ID %1:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="81"/>
        <source>Entschlüsselungsschlüssel:</source>
        <translation>Decryption key:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="81"/>
        <source>Signaturschlüssel:</source>
        <translation>Signing key:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="83"/>
        <source>Datei wählen…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="89"/>
        <source>Zugangsdaten-Datei importieren…</source>
        <translation>Import credentials file…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="90"/>
        <source>Füllt alle Felder aus der Datei, die das Portal ausgibt</source>
        <translation>Fills every field from the file the portal issues</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="100"/>
        <source>Es ist noch kein Portal verbunden.</source>
        <translation>No portal is connected yet.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="105"/>
        <source>Verbunden. Client-Secret und Schlüssel liegen in der verschlüsselten Datei %1.</source>
        <translation>Connected. The client secret and the keys are kept in the encrypted file %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="107"/>
        <source>Verbunden. Client-Secret und Schlüssel liegen im Schlüsselbund des Systems.</source>
        <translation>Connected. The client secret and the keys are kept in the system keyring.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="110"/>
        <source>(gespeichert – leer lassen, um den Wert zu behalten)</source>
        <translation>(stored – leave empty to keep it)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="125"/>
        <location filename="../../ui/dialogs/portal_settings.py" line="126"/>
        <source>aus der Zugangsdaten-Datei</source>
        <translation>from the credentials file</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="144"/>
        <source>Schlüssel (JWK) wählen</source>
        <translation>Choose key (JWK)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="144"/>
        <source>JWK (*.json *.jwk);;Alle Dateien (*)</source>
        <translation>JWK (*.json *.jwk);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="149"/>
        <source>Zugangsdaten-Datei wählen</source>
        <translation>Choose credentials file</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="149"/>
        <source>JSON (*.json);;Alle Dateien (*)</source>
        <translation>JSON (*.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="157"/>
        <source>Zugangsdaten</source>
        <translation>Credentials</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="157"/>
        <source>Die Datei kann nicht gelesen werden: %1</source>
        <translation>The file cannot be read: %1</translation>
    </message>
</context>
<context>
    <name>Deadlines</name>
    <message>
        <location filename="../../ui/deadline_style.py" line="53"/>
        <source>überschritten</source>
        <translation>passed</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_style.py" line="55"/>
        <source>läuft in %1 Arbeitstagen oder weniger ab</source>
        <translation>runs out in %1 working days or less</translation>
    </message>
    <message>
        <location filename="../../ui/deadline_style.py" line="61"/>
        <source>Zieldatum: interne Bearbeitungsvorgabe – bis dahin soll der Fall entschieden sein (Arbeitstage ab Eingang nach der Bearbeitungsnorm der Leistung).
Frist: spätester Termin – bei WBS und Elterngeld ab dann Untätigkeitsklage möglich (§ 75 VwGO, § 88 SGG), beim Führungszeugnis eine interne Frist.
Beide ruhen, solange Unterlagen angefordert sind.
Gelb: läuft in wenigen Arbeitstagen ab (Vorwarnzeit nach der Bearbeitungsnorm der Leistung); rot: überschritten – dieselben Farben wie im Fallkopf.</source>
        <translation>Target date: internal processing target – the case should be decided by then (working days after receipt, by the service&apos;s processing norm).
Deadline: the latest date – for WBS and Elterngeld an action for failure to act (Untätigkeitsklage) is possible from then on (§ 75 VwGO, § 88 SGG); for the Führungszeugnis an internal deadline.
Both pause while documents are requested.
Yellow: runs out within a few working days (warning period by the service&apos;s processing norm); red: passed – the same colours as in the case header.</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../ui/letters/decision.py" line="70"/>
        <source>Entscheidung %1</source>
        <translation>Decision %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="77"/>
        <source>Weitere Angaben für die Berechnung im JSON-Format (Werkzeug der IT)</source>
        <translation>Further facts for the computation in JSON format (a tool for IT)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="86"/>
        <source>Gründe der Ablehnung, ein Grund je Zeile</source>
        <translation>Grounds for the refusal, one per line</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="90"/>
        <source>Ermessenserwägungen (§ 39 Abs. 1 Satz 3 VwVfG NRW), Pflicht:</source>
        <translation>Discretionary considerations (§ 39 Abs. 1 Satz 3 VwVfG NRW), required:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="93"/>
        <source>Die Einkommensgrenze ist um höchstens 5 % überschritten: aus welchen Gründen wird die Ausnahme zugelassen oder nicht zugelassen? Ein Gesichtspunkt je Zeile.</source>
        <translation>The income limit is exceeded by at most 5 %: for which reasons is the exception granted or not granted? One consideration per line.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="100"/>
        <source>&amp;Neu berechnen</source>
        <translation>&amp;Recompute</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="101"/>
        <source>&amp;Entscheiden</source>
        <translation>&amp;Decide</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="102"/>
        <location filename="../../ui/letters/decision.py" line="167"/>
        <source>Entscheiden und Bescheid erstellen</source>
        <translation>Decide and create the decision notice</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="103"/>
        <source>&amp;Bescheid erstellen</source>
        <translation>Create &amp;letter</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="104"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="111"/>
        <source>Weitere Angaben:</source>
        <translation>Further facts:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="114"/>
        <source>Ergebnis:</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="115"/>
        <source>Gründe:</source>
        <translation>Grounds:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="166"/>
        <source>E&amp;ntscheidung</source>
        <translation>&amp;Decision</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="170"/>
        <source>Bescheid &amp;drucken…</source>
        <translation>&amp;Print the decision notice…</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="184"/>
        <source>Unterlagen fehlen</source>
        <translation>Documents missing</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="185"/>
        <source>Für %1 sind nicht alle erforderlichen Unterlagen abgehakt. Trotzdem entscheiden?</source>
        <translation>Not all required documents of %1 are ticked. Decide anyway?</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="187"/>
        <source>Nicht abgehakt:</source>
        <translation>Not ticked:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="189"/>
        <source>Trotzdem &amp;entscheiden</source>
        <translation>&amp;Decide anyway</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="190"/>
        <source>&amp;Zurück</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="206"/>
        <source>Die Einkommensgrenze ist um höchstens 5 % überschritten: Bewilligung und Ablehnung sind Ermessensentscheidungen. Bitte die Ermessenserwägungen angeben (§ 39 Abs. 1 Satz 3 VwVfG NRW).</source>
        <translation>The income limit is exceeded by at most 5 %: granting and refusing are discretionary decisions. Please give the discretionary considerations (§ 39 Abs. 1 Satz 3 VwVfG NRW).</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="227"/>
        <source>Gründe der Ablehnung (der Bescheid nennt sie auf Deutsch):</source>
        <translation>Reasons for the refusal (the Bescheid states them in German):</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="230"/>
        <source>Ermessensentscheidung: Bewilligung oder Ablehnung</source>
        <translation>Discretionary decision: grant or refusal</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="247"/>
        <source>Entschieden: %1</source>
        <translation>Decided: %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="252"/>
        <source>Bescheid Version %1 erstellt</source>
        <translation>Letter version %1 created</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="254"/>
        <source>(wartet auf Freigabe durch die Teamleitung)</source>
        <translation>(awaiting a team lead&apos;s approval)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="288"/>
        <source>Angaben: kein gültiges JSON (Zeile %1)</source>
        <translation>Facts: not valid JSON (line %1)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="291"/>
        <source>Angaben: bitte ein JSON-Objekt { … }</source>
        <translation>Facts: please a JSON object { … }</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="296"/>
        <source>Bewilligung</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="296"/>
        <source>Ablehnung</source>
        <translation>Refusal</translation>
    </message>
    <message>
        <location filename="../../ui/letters/decision.py" line="297"/>
        <source>Weiterleitung an das Bundesamt für Justiz</source>
        <translation>Forwarding to the Federal Office of Justice</translation>
    </message>
</context>
<context>
    <name>DocumentsPane</name>
    <message>
        <location filename="../../ui/editor/documents.py" line="50"/>
        <source>&amp;Unterlagen</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents.py" line="52"/>
        <location filename="../../ui/editor/documents.py" line="76"/>
        <source>Vorschläge übernehmen</source>
        <translation>Accept proposals</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents.py" line="53"/>
        <source>Jede vorgeschlagene Anlage als Beleg ihrer Unterlage abhaken</source>
        <translation>Tick each required document with its proposed attachment as proof</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents.py" line="70"/>
        <source>&amp;Unterlagen (%1 von %2 belegt)</source>
        <translation>&amp;Documents (%1 of %2 proven)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents.py" line="75"/>
        <source>1 Vorschlag übernehmen</source>
        <translation>Accept 1 proposal</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents.py" line="75"/>
        <source>%1 Vorschläge übernehmen</source>
        <translation>Accept %1 proposals</translation>
    </message>
</context>
<context>
    <name>DocumentsRequestDialog</name>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="61"/>
        <source>Unterlagen anfordern – %1</source>
        <translation>Request documents – %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="63"/>
        <source>Diese Unterlagen werden angefordert (vorausgewählt: die noch nicht abgehakten Pflichtunterlagen der Checkliste):</source>
        <translation>These documents will be requested (preselected: the required checklist items not yet ticked):</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="72"/>
        <source>Weitere Unterlage, z. B. Mietbescheinigung</source>
        <translation>Another document, e.g. landlord&apos;s certificate</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="73"/>
        <source>&amp;Hinzufügen</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="86"/>
        <source>Antwortfrist bis:</source>
        <translation>Reply by:</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="87"/>
        <source>Wiedervorlage am:</source>
        <translation>Follow-up on:</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="89"/>
        <source>Das Anforderungsschreiben wird mit genau diesen Unterlagen und der Frist erstellt und danach zum Drucken angezeigt. Die Bearbeitungsfrist ruht, bis die Unterlagen eingegangen sind.</source>
        <translation>The request letter is written with exactly these documents and the deadline, then shown for printing. The processing deadline is suspended until the documents have arrived.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="92"/>
        <source>Für diese Leistung gibt es kein Anforderungsschreiben: Die Anforderung wird nur vermerkt. Die Bearbeitungsfrist ruht, bis die Unterlagen eingegangen sind.</source>
        <translation>This service has no request letter: the request is only recorded. The processing deadline is suspended until the documents have arrived.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="103"/>
        <source>Anfordern</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="103"/>
        <source>Vermerken</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/editor/documents_request.py" line="135"/>
        <source>Diese Unterlage steht schon in der Liste.</source>
        <translation>This document is already in the list.</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <location filename="../../ui/editor/attachments.py" line="77"/>
        <source>Dateiname</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="78"/>
        <source>Typ</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="79"/>
        <source>Art</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="80"/>
        <source>Größe</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="93"/>
        <source>Keine Anlagen – was mit dem Antrag eingereicht wird, erscheint hier; Papierunterlagen mit „Scan hinzufügen…“ anlegen.</source>
        <translation>No attachments – what comes with the application appears here; add paper documents with “Add scan…”.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="97"/>
        <source>Scan &amp;hinzufügen…</source>
        <translation>Add &amp;scan…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="99"/>
        <source>Ö&amp;ffnen</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="101"/>
        <source>PDF-Dokumente und Bilder in einem eigenen Fenster der Anwendung zeigen</source>
        <translation>Show PDF documents and images in a window of this application</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="105"/>
        <source>Speichern un&amp;ter…</source>
        <translation>Save &amp;as…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="107"/>
        <source>Eine Kopie der Anlage als Datei ablegen (sie wird nicht geöffnet)</source>
        <translation>Save a copy of the attachment as a file (it is not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="206"/>
        <source>wird geprüft…</source>
        <translation>checking…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="209"/>
        <source>Typ: %1</source>
        <translation>Type: %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="211"/>
        <source>Beschreibung laut Portal: %1</source>
        <translation>Description from the portal: %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="214"/>
        <source>Angegeben als: %1</source>
        <translation>Declared as: %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="370"/>
        <source>Anlage speichern unter</source>
        <translation>Save attachment as</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="372"/>
        <source>Alle Dateien</source>
        <translation>All files</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="382"/>
        <source>Die Anlage konnte nicht gespeichert werden: %1</source>
        <translation>The attachment could not be saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="387"/>
        <source>Gespeichert unter %1</source>
        <translation>Saved as %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="127"/>
        <location filename="../../ui/editor/attachments.py" line="332"/>
        <source>Keine Vorschau: bitte eine Anlage wählen.</source>
        <translation>No preview: please choose an attachment.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="400"/>
        <source>Gescanntes Dokument hinzufügen</source>
        <translation>Add scanned document</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachments.py" line="402"/>
        <source>Dokumente</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_viewer.py" line="51"/>
        <source>Anlage %1</source>
        <translation>Attachment %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="17"/>
        <source>PDF-Dokument</source>
        <translation>PDF document</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="18"/>
        <source>PNG-Bild</source>
        <translation>PNG image</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="19"/>
        <source>JPEG-Bild</source>
        <translation>JPEG image</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="20"/>
        <source>GIF-Bild</source>
        <translation>GIF image</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="21"/>
        <source>TIFF-Bild</source>
        <translation>TIFF image</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="22"/>
        <source>WebP-Bild</source>
        <translation>WebP image</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="23"/>
        <source>BMP-Bild</source>
        <translation>BMP image</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="28"/>
        <location filename="../../ui/editor/attachment_texts.py" line="29"/>
        <location filename="../../ui/editor/attachment_texts.py" line="30"/>
        <source>Programmdatei (nicht geöffnet)</source>
        <translation>Program file (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="31"/>
        <source>Skript (nicht geöffnet)</source>
        <translation>Script (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="32"/>
        <source>Windows-Verknüpfung (nicht geöffnet)</source>
        <translation>Windows shortcut (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="33"/>
        <source>ZIP-Archiv (nicht geöffnet)</source>
        <translation>ZIP archive (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="34"/>
        <location filename="../../ui/editor/attachment_texts.py" line="35"/>
        <location filename="../../ui/editor/attachment_texts.py" line="36"/>
        <location filename="../../ui/editor/attachment_texts.py" line="37"/>
        <source>Archiv (nicht geöffnet)</source>
        <translation>Archive (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="38"/>
        <source>Word-Dokument (nicht geöffnet)</source>
        <translation>Word document (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="39"/>
        <source>Excel-Tabelle (nicht geöffnet)</source>
        <translation>Excel spreadsheet (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="40"/>
        <source>PowerPoint-Präsentation (nicht geöffnet)</source>
        <translation>PowerPoint presentation (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="41"/>
        <source>Office-Datei im alten Format (nicht geöffnet)</source>
        <translation>Office file in the old format (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="42"/>
        <location filename="../../ui/editor/attachment_texts.py" line="43"/>
        <location filename="../../ui/editor/attachment_texts.py" line="44"/>
        <location filename="../../ui/editor/attachment_texts.py" line="45"/>
        <source>OpenDocument-Datei (nicht geöffnet)</source>
        <translation>OpenDocument file (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="46"/>
        <source>RTF-Dokument (nicht geöffnet)</source>
        <translation>RTF document (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="47"/>
        <source>HTML-Seite (nicht geöffnet)</source>
        <translation>HTML page (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="49"/>
        <source>Unbekannter Inhalt (nicht geöffnet)</source>
        <translation>Unknown content (not opened)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="56"/>
        <source>%1 kann nicht angezeigt werden (Typ: %2). „Speichern unter…“ ist möglich.</source>
        <translation>%1 cannot be shown (type: %2). “Save as…” is possible.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="58"/>
        <source>Keine Vorschau für %1 (Typ: %2). Nur „Speichern unter…“ ist möglich.</source>
        <translation>No preview of %1 (type: %2). Only “Save as…” is possible.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="69"/>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="70"/>
        <source>Anlage</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <location filename="../../ui/editor/attachment_texts.py" line="71"/>
        <source>Antragsformular</source>
        <translation>Application form</translation>
    </message>
    <message>
        <location filename="../../ui/editor/checklist.py" line="57"/>
        <source>Erforderliche Unterlage</source>
        <translation>Required document</translation>
    </message>
    <message>
        <location filename="../../ui/editor/checklist.py" line="59"/>
        <source>Belegt durch Anlage</source>
        <translation>Provided by attachment</translation>
    </message>
    <message>
        <location filename="../../ui/editor/checklist.py" line="76"/>
        <source> (falls zutreffend)</source>
        <translation> (if applicable)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/checklist.py" line="86"/>
        <source>Vorschlag: %1</source>
        <translation>Proposed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/checklist.py" line="95"/>
        <source>Der Dateiname spricht dafür, dass diese Anlage die Unterlage belegt. Prüfen Sie sie daneben und übernehmen Sie die Vorschläge, oder wählen Sie hier eine andere Anlage.</source>
        <translation>The file name suggests that this attachment proves the document. Check it alongside and accept the proposals, or choose another attachment here.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="49"/>
        <location filename="../../ui/editor/dialogs.py" line="122"/>
        <source>Fall wurde inzwischen geändert</source>
        <translation>The case has been changed meanwhile</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="54"/>
        <source>&lt;b&gt;%1 hat den Fall am %2 gespeichert, während Sie ihn bearbeitet haben.&lt;/b&gt;&lt;br&gt;Unten sehen Sie jedes Feld, das seitdem geändert wurde. Ihre Eingaben sind nicht verloren.</source>
        <translation>&lt;b&gt;%1 saved the case on %2 while you were editing it.&lt;/b&gt;&lt;br&gt;Below is every field changed since. Your entries are not lost.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="67"/>
        <location filename="../../ui/editor/history.py" line="131"/>
        <source>Feld</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="68"/>
        <source>Beim Öffnen</source>
        <translation>When opened</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="69"/>
        <source>Neue Fassung (%1)</source>
        <translation>New version (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="70"/>
        <source>Ihre Eingabe</source>
        <translation>Your entry</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="87"/>
        <source>Beide haben dieses Feld geändert.</source>
        <translation>Both changed this field.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="94"/>
        <source>(nur Status oder Fristen geändert)</source>
        <translation>(only status or deadlines changed)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="97"/>
        <source>Meine Änderungen &amp;übernehmen</source>
        <translation>&amp;Re-apply my changes</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="99"/>
        <source>Ihre Änderungen werden auf die neue Fassung angewendet und gespeichert; bei gleichen Feldern gilt Ihre Eingabe.</source>
        <translation>Your changes are applied to the new version and saved; where both changed a field, your entry wins.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="103"/>
        <source>Neu &amp;laden (meine Änderungen verwerfen)</source>
        <translation>Re&amp;load (discard my changes)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="106"/>
        <source>Weiter bearbeiten</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="123"/>
        <source>Der Fall %1 wurde inzwischen von %2 geändert.</source>
        <translation>Case %1 has been changed by %2 meanwhile.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="128"/>
        <source>Zuletzt: „%1“ am %2.</source>
        <translation>Last change: “%1” on %2.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="130"/>
        <source>„%1“ wurde deshalb nicht ausgeführt. Der Fall ist neu geladen und zeigt den aktuellen Stand; bitte prüfen Sie ihn und wiederholen Sie den Schritt, wenn er noch nötig ist.</source>
        <translation>So “%1” was not carried out. The case has been reloaded and shows its current state; please check it and repeat the step if it is still needed.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="135"/>
        <source>Ihre ungespeicherten Eingaben sind noch da. Bitte speichern Sie sie zuerst; dabei sehen Sie beide Fassungen.</source>
        <translation>Your unsaved entries are still there. Please save them first; you will then see both versions.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="162"/>
        <source>Ergebnis:</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="166"/>
        <source>Begründung:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="168"/>
        <source>Begründung (freiwillig):</source>
        <translation>Reason (optional):</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="188"/>
        <source>Bitte geben Sie eine Begründung an.</source>
        <translation>Please give a reason.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="205"/>
        <source>Die Frist kann einmal um bis zu %1 Arbeitstage verlängert werden. Zieldatum (%2) und Frist (%3) verschieben sich um die gewählten Arbeitstage (NRW-Feiertage zählen nicht).</source>
        <translation>The deadline can be extended once by up to %1 business days. Target date (%2) and deadline (%3) move by the chosen business days (NRW holidays do not count).</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="211"/>
        <source>Frist verlängern</source>
        <translation>Extend deadline</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="215"/>
        <source> Arbeitstage</source>
        <translation> business days</translation>
    </message>
    <message>
        <location filename="../../ui/editor/dialogs.py" line="216"/>
        <source>Verlängern um:</source>
        <translation>Extend by:</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="19"/>
        <source>Bearbeitung beginnen</source>
        <translation>Start processing</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="20"/>
        <source>Unterlagen anfordern…</source>
        <translation>Request documents…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="21"/>
        <source>Unterlagen eingegangen</source>
        <translation>Documents received</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="22"/>
        <source>Entscheidungsreif</source>
        <translation>Ready for decision</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="23"/>
        <source>Wieder aufnehmen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="24"/>
        <source>Entscheiden…</source>
        <translation>Decide…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="25"/>
        <source>Weiterleiten…</source>
        <translation>Forward…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="26"/>
        <source>Rücknahme erfassen…</source>
        <translation>Record withdrawal…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/action_bar.py" line="27"/>
        <source>Abschließen…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <location filename="../../ui/editor/fields.py" line="103"/>
        <source>(bitte wählen)</source>
        <translation>(please choose)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/fields.py" line="104"/>
        <source>(keine Angabe)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/fields.py" line="192"/>
        <source>TT.MM.JJJJ</source>
        <translation>DD.MM.YYYY</translation>
    </message>
    <message>
        <location filename="../../ui/editor/form_table.py" line="42"/>
        <source>Hinzufügen</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/editor/form_table.py" line="43"/>
        <source>Entfernen</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/editor/form.py" line="252"/>
        <source>Bitte prüfen:</source>
        <translation>Please check:</translation>
    </message>
    <message>
        <location filename="../../ui/editor/history.py" line="29"/>
        <source>Verknüpfter Fall</source>
        <translation>Linked case</translation>
    </message>
    <message>
        <location filename="../../ui/editor/history.py" line="30"/>
        <source>Freibetrag junges Ehepaar</source>
        <translation>Young-couple allowance</translation>
    </message>
    <message>
        <location filename="../../ui/editor/history.py" line="31"/>
        <source>Freibetrag Schwerbehinderung</source>
        <translation>Disability allowance</translation>
    </message>
    <message>
        <location filename="../../ui/editor/history.py" line="41"/>
        <source>Unterlage: %1</source>
        <translation>Document: %1</translation>
    </message>
    <message>
        <location filename="../../ui/editor/history.py" line="128"/>
        <source>Zeitpunkt</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/editor/history.py" line="129"/>
        <source>Wer</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../ui/editor/history.py" line="130"/>
        <source>Aktion</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/editor/history.py" line="132"/>
        <source>Alt</source>
        <translation>Old</translation>
    </message>
    <message>
        <location filename="../../ui/editor/history.py" line="133"/>
        <source>Neu</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/editor/values.py" line="114"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/editor/values.py" line="114"/>
        <source>nein</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/editor/values.py" line="138"/>
        <source>ist kein gültiges Datum (TT.MM.JJJJ)</source>
        <translation>is not a valid date (DD.MM.YYYY)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/values.py" line="149"/>
        <source>ist keine Zahl</source>
        <translation>is not a number</translation>
    </message>
    <message>
        <location filename="../../ui/editor/values.py" line="153"/>
        <source>muss eine ganze Zahl sein</source>
        <translation>must be a whole number</translation>
    </message>
    <message>
        <location filename="../../ui/editor/paper.py" line="110"/>
        <source>Der Antrag ist noch unvollständig: 1 Angabe fehlt oder ist fehlerhaft (rot markiert).</source>
        <translation>The application is still incomplete: 1 entry is missing or wrong (marked red).</translation>
    </message>
    <message>
        <location filename="../../ui/editor/paper.py" line="112"/>
        <source>Der Antrag ist noch unvollständig: %1 Angaben fehlen oder sind fehlerhaft (rot markiert).</source>
        <translation>The application is still incomplete: %1 entries are missing or wrong (marked red).</translation>
    </message>
</context>
<context>
    <name>EmptyList</name>
    <message>
        <location filename="../../ui/views/empty_list.py" line="13"/>
        <source>Strg</source>
        <translation>Ctrl</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="13"/>
        <source>Umschalt</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="21"/>
        <source>Keine Fälle in „%1“ passen zu Suche und Filter – mit „Zurücksetzen“ wieder alle zeigen.</source>
        <translation>No cases in “%1” match the search and filters – “Reset” shows all again.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="24"/>
        <source>Keine Fälle in „%1“ – mit %2 den nächsten Fall übernehmen.</source>
        <translation>No cases in “%1” – take the next case with %2.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="26"/>
        <source>Keine Fälle in „%1“ – jeder offene Fall ist jemandem zugewiesen.</source>
        <translation>No cases in “%1” – every open case is assigned to someone.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="27"/>
        <source>Keine Fälle in „%1“ – neue Anträge kommen mit „Abholen“ vom Portal oder als Papierantrag.</source>
        <translation>No cases in “%1” – new applications come from the portal with “Fetch” or as paper applications.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="29"/>
        <source>Keine Fälle in „%1“ – ein Fall erscheint hier, sobald Unterlagen angefordert sind.</source>
        <translation>No cases in “%1” – a case appears here once documents are requested.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="31"/>
        <source>Keine Fälle in „%1“ – keine Frist ist überschritten.</source>
        <translation>No cases in “%1” – no deadline has passed.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="32"/>
        <source>Keine Fälle in „%1“ – heute ist keine Wiedervorlage fällig.</source>
        <translation>No cases in “%1” – no follow-up is due today.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="33"/>
        <source>Keine Fälle in „%1“ – entschiedene und abgeschlossene Fälle erscheinen hier.</source>
        <translation>No cases in “%1” – decided and closed cases appear here.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="38"/>
        <source>Keine Fälle in „%1“ – neue Anträge kommen mit „Abholen“ vom Portal; erledigte zeigt „Ansicht › Erledigte Fälle in Warteschlangen zeigen“.</source>
        <translation>No cases in “%1” – new applications come from the portal with “Fetch”; finished ones are shown by “View › Show finished cases in queues”.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="42"/>
        <source>Keine Fälle passen zum gespeicherten Filter „%1“.</source>
        <translation>No cases match the saved filter “%1”.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="44"/>
        <source>Keine Fälle in „%1“.</source>
        <translation>No cases in “%1”.</translation>
    </message>
    <message>
        <location filename="../../ui/views/empty_list.py" line="49"/>
        <source>Die Liste konnte nicht geladen werden – mit F5 erneut versuchen.</source>
        <translation>The list could not be loaded – try again with F5.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="31"/>
        <source>Backoffice – Fehler</source>
        <translation>Backoffice – Error</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="36"/>
        <source>Ihre Änderung wurde nicht gespeichert. Die Anzeige zeigt gleich den aktuellen Stand; bitte prüfen Sie ihn und versuchen Sie es dann erneut.</source>
        <translation>Your change was not saved. The view will show the current state in a moment; please check it and then try again.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>Der Vorgang konnte nicht ausgeführt werden.</source>
        <translation>The operation could not be carried out.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="46"/>
        <source>Ein unerwarteter Fehler ist aufgetreten.</source>
        <translation>An unexpected error occurred.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="48"/>
        <source>Bitte versuchen Sie es erneut. Wenn der Fehler bleibt, wenden Sie sich mit den Details an die IT.</source>
        <translation>Please try again. If the error persists, contact IT with the details.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="117"/>
        <source>Der Schritt „%1“ ist im Status „%2“ nicht möglich.</source>
        <translation>The step “%1” is not possible in status “%2”.</translation>
    </message>
</context>
<context>
    <name>EscalationPanel</name>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="156"/>
        <source>Gesetzliche Fristen der Fälle</source>
        <translation>Legal deadlines of the cases</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="157"/>
        <source>Bearbeitungsziel (Zieldatum)</source>
        <translation>Processing target (target date)</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="158"/>
        <source>Untätigkeitsklage: äußere Grenzen ab Eingang</source>
        <translation>Action for failure to act: outer limits from receipt</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="159"/>
        <source>Portal (FIT-Connect)</source>
        <translation>Portal (FIT-Connect)</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="161"/>
        <source>Jetzt vom Portal &amp;abrufen</source>
        <translation>&amp;Fetch from the portal now</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="181"/>
        <location filename="../../ui/teamlead/figures.py" line="185"/>
        <source>Heute fällig</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="182"/>
        <location filename="../../ui/teamlead/figures.py" line="186"/>
        <source>Diese Woche fällig</source>
        <translation>Due this week</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="183"/>
        <source>Überfällig</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="187"/>
        <source>Zieldatum überschritten</source>
        <translation>Target date passed</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="192"/>
        <source>%1: über %2 Monate (%3) – Klage zulässig</source>
        <translation>%1: over %2 months (%3) – action admissible</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="193"/>
        <source>%1: Grenze in den nächsten %4 Tagen</source>
        <translation>%1: limit within the next %4 days</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="199"/>
        <source>Für diese Leistung gilt keine solche Grenze.</source>
        <translation>No such limit applies to this service.</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="208"/>
        <source>Letzter fehlerfreier Abruf</source>
        <translation>Last error-free fetch</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="209"/>
        <source>keiner</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="212"/>
        <source>Letzter Abruf</source>
        <translation>Last fetch</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="212"/>
        <source>%1 auf dem Rechner %2</source>
        <translation>%1 on computer %2</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="214"/>
        <source>Dabei</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="215"/>
        <source>%1 neu, %2 abgewiesen, %3 warten auf einen Schlüssel, %4 Antworten gesendet, %5 noch zu senden</source>
        <translation>%1 new, %2 rejected, %3 waiting for a key, %4 answers sent, %5 still to send</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="220"/>
        <source>Fehler beim letzten Abruf</source>
        <translation>Errors in the last fetch</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="220"/>
        <source>%1, zuerst: %2</source>
        <translation>%1, first: %2</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="222"/>
        <source>Offene Einträge in der Quarantäne</source>
        <translation>Open entries in quarantine</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="224"/>
        <source>Hinweis</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="225"/>
        <source>Das Portal weist Einreichungen ab, die nicht innerhalb von %1 Tagen abgeholt werden.</source>
        <translation>The portal rejects submissions that are not picked up within %1 days.</translation>
    </message>
</context>
<context>
    <name>FactFields</name>
    <message>
        <location filename="../../ui/letters/fact_fields.py" line="33"/>
        <source>bitte einen Betrag angeben</source>
        <translation>please enter an amount</translation>
    </message>
    <message>
        <location filename="../../ui/letters/fact_fields.py" line="36"/>
        <source>der Betrag darf nicht negativ sein</source>
        <translation>the amount must not be negative</translation>
    </message>
    <message>
        <location filename="../../ui/letters/fact_fields.py" line="39"/>
        <source>„%2“ ist kein Betrag</source>
        <translation>“%2” is not an amount</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="47"/>
        <source>„%2“ ist keine Stundenzahl</source>
        <translation>“%2” is not a number of hours</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="49"/>
        <source>zwischen 0 und 168 Stunden angeben</source>
        <translation>enter between 0 and 168 hours</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="61"/>
        <source>„%2“ ist kein Datum (TT.MM.JJJJ)</source>
        <translation>“%2” is not a date (DD.MM.YYYY)</translation>
    </message>
</context>
<context>
    <name>FactsForm</name>
    <message>
        <location filename="../../ui/letters/facts.py" line="98"/>
        <source>Einkommen (statt der Angaben im Antrag, wenn Nachweise vorliegen)</source>
        <translation>Income (instead of the application&apos;s figures, where proof is available)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="104"/>
        <source>kirchensteuerpflichtig</source>
        <translation>liable to church tax</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="105"/>
        <source>kranken-/pflegeversichert</source>
        <translation>health/care insured</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="106"/>
        <source>rentenversichert</source>
        <translation>pension insured</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="107"/>
        <source>arbeitslosenversichert</source>
        <translation>unemployment insured</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="118"/>
        <source>– (laut Abrechnung)</source>
        <translation>– (per payslip)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="125"/>
        <source>Faktor laut Entgeltabrechnung, wenn das Faktorverfahren galt (§ 39f EStG); leer: ohne Faktor</source>
        <translation>Factor from the payslip, where the factor method applied (§ 39f EStG); empty: no factor</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="128"/>
        <source>Zahl der Kinderfreibeträge laut Entgeltabrechnung, z. B. 0,5 oder 1; sie mindern nur Solidaritätszuschlag und Kirchensteuer (§ 2e Abs. 4 und 5 BEEG)</source>
        <translation>Number of child allowances from the payslip, e.g. 0.5 or 1; they reduce only the solidarity surcharge and church tax (§ 2e Abs. 4 and 5 BEEG)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="131"/>
        <source>Die Lohnsteuer berechnet der Programmablaufplan des BMF aus Steuerklasse und Faktor (§ 2e BEEG); die Kinderfreibeträge zählen nur für Solidaritätszuschlag und Kirchensteuer. Eine Lohnsteuer laut Abrechnung ersetzt die Berechnung; für Geburten ohne hinterlegten Programmablaufplan ist sie nötig.</source>
        <translation>The income tax is computed by the BMF&apos;s Programmablaufplan from the tax class and factor (§ 2e BEEG); the child allowances count only for the solidarity surcharge and church tax. An income tax from the payslip replaces the computation; it is needed for births without a stored Programmablaufplan.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="135"/>
        <source>Brutto vor der Geburt (Monatsdurchschnitt):</source>
        <translation>Gross before the birth (monthly average):</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="136"/>
        <source>Steuerklasse:</source>
        <translation>Tax class:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="140"/>
        <source>Faktor (nur Steuerklasse IV):</source>
        <translation>Factor (tax class IV only):</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="141"/>
        <source>Zahl der Kinderfreibeträge:</source>
        <translation>Number of child allowances:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="143"/>
        <source>Lohnsteuer laut Abrechnung (monatlich):</source>
        <translation>Income tax per payslip (monthly):</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="144"/>
        <source>Solidaritätszuschlag (monatlich):</source>
        <translation>Solidarity surcharge (monthly):</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="145"/>
        <source>Pflichtversicherung:</source>
        <translation>Compulsory insurance:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="146"/>
        <source>Netto nach der Geburt (monatlich):</source>
        <translation>Net after the birth (monthly):</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="147"/>
        <source>davon abweichend in Monaten mit ElterngeldPlus oder Partnerschaftsbonus:</source>
        <translation>differing, in months with ElterngeldPlus or partnership bonus:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="149"/>
        <source>Zu versteuerndes Einkommen im Vorjahr:</source>
        <translation>Taxable income of the previous year:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="160"/>
        <source>Nettoeinkommen laut Antrag übernehmen (nicht aus dem Brutto berechnen)</source>
        <translation>Keep the net income stated in the application (do not compute it from the gross)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="169"/>
        <source>Bezugsmonate und vorläufige Zahlung</source>
        <translation>Benefit months and provisional payment</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="174"/>
        <source>antragstellende Person</source>
        <translation>applicant</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="175"/>
        <source>anderer Elternteil</source>
        <translation>other parent</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="181"/>
        <source>nicht geprüft</source>
        <translation>not checked</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="182"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="183"/>
        <source>nein</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="185"/>
        <source>TT.MM.JJJJ</source>
        <translation>DD.MM.YYYY</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="187"/>
        <source>Kind mit Behinderung</source>
        <translation>Child with a disability</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="188"/>
        <source>Geschwisterkind mit Behinderung (beim Geschwisterbonus berücksichtigt)</source>
        <translation>Sibling with a disability (counted for the sibling bonus)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="189"/>
        <source>Einkommen vor der Geburt noch nicht ermittelbar</source>
        <translation>Income before the birth cannot be determined yet</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="190"/>
        <source>Steuerbescheid liegt noch nicht vor (Einkommensgrenze offen)</source>
        <translation>Tax assessment not yet available (income limit open)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="191"/>
        <source>Wochenstunden im Partnerschaftsbonus:</source>
        <translation>Weekly hours in the partnership bonus:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="192"/>
        <source>Einkommen in zwei Lebensmonaten gemindert (Partnermonate):</source>
        <translation>Income reduced in two months of life (partner months):</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="193"/>
        <source>Voraussichtlicher Tag der Entbindung:</source>
        <translation>Expected date of delivery:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="200"/>
        <source>Wochenstunden im Partnerschaftsbonus</source>
        <translation>Weekly hours in the partnership bonus</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="207"/>
        <source>Voraussichtlicher Tag der Entbindung</source>
        <translation>Expected date of delivery</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="217"/>
        <source>Prüfung im Bürgeramt</source>
        <translation>Checks at the Bürgeramt</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="219"/>
        <source>Nachweis der ehrenamtlichen Tätigkeit liegt vor (Gebührenbefreiung)</source>
        <translation>Proof of volunteer work shown (fee exemption)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="222"/>
        <source>Gebühr bezahlt</source>
        <translation>Fee paid</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="235"/>
        <source>Brutto vor der Geburt</source>
        <translation>Gross before the birth</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="238"/>
        <source>Lohnsteuer laut Abrechnung</source>
        <translation>Income tax per payslip</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="240"/>
        <source>bitte einen Betrag angeben oder die Steuerklasse wählen</source>
        <translation>please enter an amount or choose the tax class</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="244"/>
        <source>Solidaritätszuschlag</source>
        <translation>Solidarity surcharge</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="254"/>
        <source>Netto nach der Geburt</source>
        <translation>Net after the birth</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="256"/>
        <source>Netto in Monaten mit ElterngeldPlus</source>
        <translation>Net in months with ElterngeldPlus</translation>
    </message>
    <message>
        <location filename="../../ui/letters/facts.py" line="258"/>
        <source>Zu versteuerndes Einkommen</source>
        <translation>Taxable income</translation>
    </message>
</context>
<context>
    <name>FigureGrid</name>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="59"/>
        <source>Fälle anzeigen</source>
        <translation>Show cases</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="32"/>
        <source>Suchen: Name, Aktenzeichen, Anschrift, Angaben (Strg+F)</source>
        <translation>Search: name, file number, address, entries (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="41"/>
        <source>Alle Leistungen</source>
        <translation>All services</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="45"/>
        <source>Alle Status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="49"/>
        <source>Alle Fristen</source>
        <translation>All deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="50"/>
        <source>Frist überschritten</source>
        <translation>Deadline passed</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="51"/>
        <source>Frist endet heute</source>
        <translation>Deadline today</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="52"/>
        <source>Frist in 7 Tagen</source>
        <translation>Deadline within 7 days</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="53"/>
        <source>Frist in 14 Tagen</source>
        <translation>Deadline within 14 days</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="55"/>
        <source>Alle Bearbeitungen</source>
        <translation>All assignees</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="56"/>
        <source>Nicht zugewiesen</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="61"/>
        <source>Zurücksetzen</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../ui/views/filter_bar.py" line="63"/>
        <source>Filter speichern…</source>
        <translation>Save filter…</translation>
    </message>
</context>
<context>
    <name>FinalAssessmentDialog</name>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="40"/>
        <source>Endgültige Festsetzung %1</source>
        <translation>Final assessment %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="45"/>
        <source>Nachgewiesenes Netto nach der Geburt (monatlich):</source>
        <translation>Proven net income after the birth (monthly):</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="46"/>
        <source>davon abweichend in Monaten mit ElterngeldPlus oder Partnerschaftsbonus:</source>
        <translation>differing in months with ElterngeldPlus or Partnerschaftsbonus:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="48"/>
        <source>Zu versteuerndes Einkommen laut Steuerbescheid:</source>
        <translation>Taxable income per tax assessment:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="54"/>
        <source>&amp;Berechnen</source>
        <translation>&amp;Compute</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="55"/>
        <source>Endgültig &amp;festsetzen</source>
        <translation>Assess &amp;finally</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="56"/>
        <source>Bescheid &amp;erstellen</source>
        <translation>Create &amp;Bescheid</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="72"/>
        <source>Netto nach der Geburt</source>
        <translation>Net income after the birth</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="73"/>
        <source>Netto mit ElterngeldPlus</source>
        <translation>Net income with ElterngeldPlus</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="74"/>
        <source>Zu versteuerndes Einkommen</source>
        <translation>Taxable income</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="112"/>
        <source>Lebensmonat</source>
        <translation>Month of life</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="112"/>
        <source>vorläufig gezahlt</source>
        <translation>paid provisionally</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="112"/>
        <source>endgültig</source>
        <translation>final</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="112"/>
        <source>Differenz</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="116"/>
        <source>Nachzahlung: %1</source>
        <translation>Back payment: %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="116"/>
        <source>Erstattung: %1</source>
        <translation>Refund: %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="117"/>
        <source>Keine Differenz</source>
        <translation>No difference</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="131"/>
        <source>Endgültig festgesetzt.</source>
        <translation>Finally assessed.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="136"/>
        <source>Bescheid Version %1 erstellt</source>
        <translation>Bescheid version %1 created</translation>
    </message>
    <message>
        <location filename="../../ui/letters/final_assessment.py" line="138"/>
        <source>(wartet auf Freigabe durch die Teamleitung)</source>
        <translation>(awaiting a team lead&apos;s approval)</translation>
    </message>
</context>
<context>
    <name>FormDataTree</name>
    <message>
        <location filename="../../ui/views/form_data_tree.py" line="22"/>
        <source>Feld</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/views/form_data_tree.py" line="22"/>
        <source>Wert</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/views/form_data_tree.py" line="45"/>
        <source>Eintrag</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location filename="../../ui/views/form_data_tree.py" line="73"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../ui/views/form_data_tree.py" line="74"/>
        <source>nein</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>FourEyesPage</name>
    <message>
        <location filename="../../ui/letters/settings.py" line="191"/>
        <source>Bewilligung</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="191"/>
        <source>Ablehnung</source>
        <translation>Refusal</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="192"/>
        <source>Weiterleitung an das BfJ</source>
        <translation>Forwarding to the BfJ</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="193"/>
        <source>Erstattung nach endgültiger Festsetzung</source>
        <translation>Refund after the final assessment</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="203"/>
        <source>Angekreuzte Entscheidungen gibt eine Teamleitung frei, die weder entschieden noch den Brief erstellt hat, bevor der Bescheid endgültig wird.</source>
        <translation>Ticked decisions are approved by a team lead who neither decided nor created the letter before the decision letter becomes final.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="227"/>
        <source>Gespeichert.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>HiddenMatchesHint</name>
    <message>
        <location filename="../../ui/views/search_hint.py" line="32"/>
        <source>Alle Treffer anzeigen</source>
        <translation>Show all matches</translation>
    </message>
    <message>
        <location filename="../../ui/views/search_hint.py" line="63"/>
        <source>1 weiterer Treffer in anderen Ansichten</source>
        <translation>1 more match in other views</translation>
    </message>
    <message>
        <location filename="../../ui/views/search_hint.py" line="65"/>
        <source>%1 weitere Treffer in anderen Ansichten</source>
        <translation>%1 more matches in other views</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="22"/>
        <source>Wohnberechtigungsschein</source>
        <translation>Housing entitlement certificate</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="23"/>
        <source>Elterngeld</source>
        <translation>Parental allowance</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="24"/>
        <source>Führungszeugnis</source>
        <translation>Certificate of good conduct</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="36"/>
        <source>WBS</source>
        <comment>short service name</comment>
        <translation>WBS</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="37"/>
        <source>Elterngeld</source>
        <comment>short service name</comment>
        <translation>Parental allowance</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="38"/>
        <source>Führungszeugnis</source>
        <comment>short service name</comment>
        <translation>Conduct certificate</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="44"/>
        <source>Eingegangen</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="45"/>
        <source>In Bearbeitung</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="46"/>
        <source>Unterlagen angefordert</source>
        <translation>Documents requested</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="47"/>
        <source>Entscheidungsreif</source>
        <translation>Ready for decision</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="48"/>
        <source>Entschieden</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="49"/>
        <source>Weitergeleitet</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="50"/>
        <source>Zurückgezogen</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="51"/>
        <source>Abgeschlossen</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="57"/>
        <source>bewilligt</source>
        <translation>granted</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="58"/>
        <source>abgelehnt</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="77"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="78"/>
        <source>Ergebnis</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="79"/>
        <source>Bearbeitung</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="80"/>
        <source>Zieldatum</source>
        <translation>Target date</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="81"/>
        <source>Frist</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="82"/>
        <source>Begründung</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="83"/>
        <source>Wiedervorlage</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="84"/>
        <source>Angeforderte Unterlage</source>
        <translation>Requested document</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="85"/>
        <source>Frist für die Unterlagen</source>
        <translation>Deadline for the documents</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="91"/>
        <source>Onlineportal</source>
        <translation>Online portal</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="95"/>
        <source>nicht zugewiesen</source>
        <translation>unassigned</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../ui/i18n.py" line="33"/>
        <source>de</source>
        <comment>language code of this catalogue: en in English</comment>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>Layout</name>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="9"/>
        <source>Antragstellende Person</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="10"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="11"/>
        <source>Vorname</source>
        <translation>Given name</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="12"/>
        <source>Familienname</source>
        <translation>Family name</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="13"/>
        <source>Geburtsdatum</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="14"/>
        <source>Straße, Hausnummer</source>
        <translation>Street, number</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="15"/>
        <source>Straße</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="16"/>
        <source>Nr.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="17"/>
        <source>PLZ, Ort</source>
        <translation>Postcode, town</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="18"/>
        <source>PLZ</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="19"/>
        <source>Ort</source>
        <translation>Town</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="20"/>
        <source>E-Mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="21"/>
        <source>Telefon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="22"/>
        <source>Antrag</source>
        <translation>Application</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="23"/>
        <source>Einkommenszeitraum</source>
        <translation>Income period</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="24"/>
        <source>letztes Kalenderjahr</source>
        <translation>last calendar year</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="25"/>
        <source>kommende 12 Monate (veränderte Verhältnisse)</source>
        <translation>next 12 months (changed circumstances)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="26"/>
        <source>Haushalt</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="27"/>
        <source>Personen</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="28"/>
        <source>davon Kinder</source>
        <translation>of which children</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="29"/>
        <source>gewünschte Zimmer</source>
        <translation>rooms wanted</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="30"/>
        <source>Freibeträge</source>
        <translation>Allowances</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="31"/>
        <source>junges Ehepaar</source>
        <translation>young married couple</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="32"/>
        <source>Schwerbehinderung</source>
        <translation>severe disability</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="33"/>
        <source>Pflegebedürftigkeit</source>
        <translation>care need</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="34"/>
        <source>gezahlter Unterhalt</source>
        <translation>maintenance paid</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="35"/>
        <source>Anlass</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="36"/>
        <source>Haushaltsangehörige und Einkünfte</source>
        <translation>Household members and incomes</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="37"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="38"/>
        <source>Verhältnis</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="39"/>
        <source>antragstellende Person</source>
        <translation>applicant</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="40"/>
        <source>Ehegatte</source>
        <translation>spouse</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="41"/>
        <source>Lebenspartner/in</source>
        <translation>partner</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="42"/>
        <source>Kind</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="43"/>
        <source>sonstige Person</source>
        <translation>other person</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="44"/>
        <source>Einkunft</source>
        <translation>Income</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="45"/>
        <source>Einkünfte der markierten Person</source>
        <translation>Incomes of the selected person</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="46"/>
        <source>Einkunftsart</source>
        <translation>Kind of income</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="47"/>
        <source>nichtselbständige Arbeit</source>
        <translation>employment</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="48"/>
        <source>selbständige Arbeit</source>
        <translation>self-employment</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="49"/>
        <source>Rente/Pension</source>
        <translation>pension</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="50"/>
        <source>Arbeitslosengeld</source>
        <translation>unemployment benefit</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="51"/>
        <source>Sonstiges</source>
        <translation>other</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="52"/>
        <source>Brutto/Jahr (€)</source>
        <translation>Gross/year (€)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="53"/>
        <source>Werbungskosten (€)</source>
        <translation>Work-related expenses (€)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="54"/>
        <source>Pauschale Abzüge (je 12 %)</source>
        <translation>Flat deductions (12 % each)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="55"/>
        <source>Steuer</source>
        <translation>tax</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="56"/>
        <source>Krankenvers.</source>
        <translation>health ins.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="57"/>
        <source>Rentenvers.</source>
        <translation>pension ins.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="58"/>
        <source>geborene Kinder</source>
        <translation>children born</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="59"/>
        <source>alleinerziehend</source>
        <translation>single parent</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="60"/>
        <source>Geschwisterbonus</source>
        <translation>sibling bonus</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="61"/>
        <source>Zu versteuerndes Einkommen (€)</source>
        <translation>Taxable income (€)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="62"/>
        <source>Elternteile</source>
        <translation>Parents</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="63"/>
        <source>Elternteil</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="64"/>
        <source>Rolle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="65"/>
        <source>Mutter</source>
        <translation>mother</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="66"/>
        <source>Vater</source>
        <translation>father</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="67"/>
        <source>anderer Elternteil</source>
        <translation>other parent</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="68"/>
        <source>Erwerbstätigkeit</source>
        <translation>Employment</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="69"/>
        <source>angestellt</source>
        <translation>employed</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="70"/>
        <source>selbständig</source>
        <translation>self-employed</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="71"/>
        <source>keine</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="72"/>
        <source>Netto vorher (€)</source>
        <translation>Net before (€)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="73"/>
        <source>Brutto vorher (€)</source>
        <translation>Gross before (€)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="74"/>
        <source>Netto nachher (€)</source>
        <translation>Net after (€)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="75"/>
        <source>StKl.</source>
        <translation>Tax class</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="76"/>
        <source>KiSt</source>
        <translation>Church tax</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="77"/>
        <source>KV/PV</source>
        <translation>Health/care ins.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="78"/>
        <source>RV</source>
        <translation>Pension ins.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="79"/>
        <source>AV</source>
        <translation>Unempl. ins.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="80"/>
        <source>Bezugsmonate</source>
        <translation>Months of benefit</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="81"/>
        <source>Monat</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="82"/>
        <source>Lebensmonat</source>
        <translation>Month of life</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="83"/>
        <source>1. Elternteil</source>
        <translation>1st parent</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="84"/>
        <source>2. Elternteil</source>
        <translation>2nd parent</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="85"/>
        <source>Variante</source>
        <translation>Variant</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="86"/>
        <source>Basiselterngeld</source>
        <translation>Basiselterngeld</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="87"/>
        <source>ElterngeldPlus</source>
        <translation>ElterngeldPlus</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="88"/>
        <source>Partnerschaftsbonus</source>
        <translation>Partnerschaftsbonus</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="89"/>
        <source>Mutterschaftsleistungen</source>
        <translation>Maternity benefits</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="90"/>
        <source>Leistung</source>
        <translation>Benefit</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="91"/>
        <source>Betrag (€)</source>
        <translation>Amount (€)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="92"/>
        <source>Tage (leer: ganzer Monat)</source>
        <translation>Days (empty: whole month)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="93"/>
        <source>Bankverbindung</source>
        <translation>Bank account</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="94"/>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="95"/>
        <source>Kontoinhaber/in</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="96"/>
        <source>Meldung</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="97"/>
        <source>in Mülheim an der Ruhr gemeldet</source>
        <translation>registered in Mülheim an der Ruhr</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="98"/>
        <source>Antragstellung durch</source>
        <translation>Applied for by</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="99"/>
        <source>die betroffene Person selbst</source>
        <translation>the person concerned</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="100"/>
        <source>gesetzliche Vertretung</source>
        <translation>legal representative</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="101"/>
        <source>Führungszeugnis</source>
        <translation>Führungszeugnis</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="102"/>
        <source>Belegart</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="103"/>
        <source>N – Zusendung an die antragstellende Person</source>
        <translation>N – sent to the applicant</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="104"/>
        <source>O – Vorlage bei einer Behörde</source>
        <translation>O – for an authority</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="105"/>
        <source>Art</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="106"/>
        <source>einfaches Führungszeugnis</source>
        <translation>standard certificate</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="107"/>
        <source>erweitertes Führungszeugnis (§ 30a BZRG)</source>
        <translation>extended certificate (§ 30a BZRG)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="108"/>
        <source>Europäisches Führungszeugnis (§ 30b BZRG)</source>
        <translation>European certificate (§ 30b BZRG)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="109"/>
        <source>Aufforderung</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="110"/>
        <source>schriftliche Aufforderung der Organisation liegt vor</source>
        <translation>the organisation&apos;s written request is present</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="111"/>
        <source>Verwendungszweck</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="112"/>
        <source>Gebührenbefreiung</source>
        <translation>Fee exemption</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="113"/>
        <source>ehrenamtliche Tätigkeit</source>
        <translation>volunteer work</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="114"/>
        <source>Mittellosigkeit (Entscheidung durch das BfJ)</source>
        <translation>lack of means (decided by the BfJ)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="115"/>
        <source>Empfangende Behörde (bei Belegart O)</source>
        <translation>Receiving authority (for type O)</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="116"/>
        <source>Behörde</source>
        <translation>Authority</translation>
    </message>
    <message>
        <location filename="../../ui/editor/layout_texts.py" line="117"/>
        <source>Aktenzeichen der Behörde</source>
        <translation>Authority&apos;s file number</translation>
    </message>
</context>
<context>
    <name>LetterPreview</name>
    <message>
        <location filename="../../ui/letters/preview.py" line="51"/>
        <source>Verkleinern</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="52"/>
        <source>Vergrößern</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="53"/>
        <source>Seitenbreite</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="55"/>
        <source>Seite </source>
        <translation>Page </translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="57"/>
        <source>Vorige Seite</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="58"/>
        <source>Nächste Seite</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="59"/>
        <source>&amp;Drucken…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="93"/>
        <source>Das PDF kann nicht angezeigt werden.</source>
        <translation>The PDF cannot be shown.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="95"/>
        <source>1 Seite</source>
        <translation>1 page</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="97"/>
        <source>%1 Seiten</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="133"/>
        <source> von %1</source>
        <translation> of %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/preview.py" line="134"/>
        <source>keine Seite</source>
        <translation>no page</translation>
    </message>
    <message>
        <location filename="../../ui/letters/open.py" line="23"/>
        <source>Brief</source>
        <translation>Letter</translation>
    </message>
</context>
<context>
    <name>LetterPreviewDialog</name>
    <message>
        <location filename="../../ui/letters/preview.py" line="158"/>
        <source>Brief drucken</source>
        <translation>Print letter</translation>
    </message>
</context>
<context>
    <name>LetterPrinting</name>
    <message>
        <location filename="../../ui/letters/print_windows.py" line="44"/>
        <source>Diesen Druckweg gibt es nur unter Windows</source>
        <translation>This way of printing exists only on Windows</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_windows.py" line="56"/>
        <location filename="../../ui/letters/printing.py" line="70"/>
        <source>Der Drucker kann nicht geöffnet werden</source>
        <translation>The printer cannot be opened</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_windows.py" line="64"/>
        <source>Der Drucker hat den Auftrag abgelehnt</source>
        <translation>The printer refused the job</translation>
    </message>
    <message>
        <location filename="../../ui/letters/printers.py" line="69"/>
        <source>Die Datei %1 kann nicht geschrieben werden: %2</source>
        <translation>The file %1 cannot be written: %2</translation>
    </message>
    <message>
        <location filename="../../ui/letters/printers.py" line="98"/>
        <source>CUPS antwortet nicht: %1</source>
        <translation>CUPS does not answer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/printers.py" line="101"/>
        <source>CUPS hat den Auftrag abgelehnt: %1</source>
        <translation>CUPS refused the job: %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/printing.py" line="29"/>
        <source>Das PDF kann nicht gelesen werden</source>
        <translation>The PDF cannot be read</translation>
    </message>
</context>
<context>
    <name>LetterSettingsDialog</name>
    <message>
        <location filename="../../ui/letters/settings.py" line="237"/>
        <source>Briefvorlagen und Freigaben</source>
        <translation>Letter templates and approvals</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="243"/>
        <source>&amp;Textbausteine</source>
        <translation>&amp;Text blocks</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="244"/>
        <source>&amp;Briefkopf</source>
        <translation>&amp;Letterhead</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="245"/>
        <source>&amp;Vier-Augen-Prinzip</source>
        <translation>&amp;Four eyes</translation>
    </message>
</context>
<context>
    <name>LetterheadPage</name>
    <message>
        <location filename="../../ui/letters/settings.py" line="150"/>
        <source>Briefkopf &amp;speichern</source>
        <translation>&amp;Save letterhead</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="153"/>
        <source>Abweichungen vom mitgelieferten Briefkopf als JSON, z. B. {&quot;bank&quot;: {&quot;iban&quot;: &quot;DE…&quot;}, &quot;departments&quot;: {&quot;wbs&quot;: {&quot;phone&quot;: &quot;0208 455-1234&quot;}}}. Bankverbindung, Durchwahlen, E-Mail-Adressen und Öffnungszeiten sind bis dahin Beispielwerte.</source>
        <translation>Changes to the shipped letterhead as JSON, e.g. {&quot;bank&quot;: {&quot;iban&quot;: &quot;DE…&quot;}, &quot;departments&quot;: {&quot;wbs&quot;: {&quot;phone&quot;: &quot;0208 455-1234&quot;}}}. Until then the bank account, extensions, e-mail addresses and opening hours are sample values.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="173"/>
        <source>Kein gültiges JSON (Zeile %1): %2</source>
        <translation>Not valid JSON (line %1): %2</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="176"/>
        <source>Bitte ein JSON-Objekt { … } angeben</source>
        <translation>Please give a JSON object { … }</translation>
    </message>
    <message>
        <location filename="../../ui/letters/settings.py" line="181"/>
        <source>Gespeichert.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>LettersMenu</name>
    <message>
        <location filename="../../ui/letters/menu.py" line="29"/>
        <source>&amp;Druckwarteschlange…</source>
        <translation>&amp;Print queue…</translation>
    </message>
    <message>
        <location filename="../../ui/letters/menu.py" line="31"/>
        <source>Briefe &amp;freigeben…</source>
        <translation>&amp;Approve letters…</translation>
    </message>
    <message>
        <location filename="../../ui/letters/menu.py" line="33"/>
        <source>Brief&amp;vorlagen und Freigaben…</source>
        <translation>Letter &amp;templates and approvals…</translation>
    </message>
    <message>
        <location filename="../../ui/letters/menu.py" line="39"/>
        <source>B&amp;riefe</source>
        <translation>&amp;Letters</translation>
    </message>
</context>
<context>
    <name>LettersModel</name>
    <message>
        <location filename="../../ui/letters/models.py" line="96"/>
        <source>Aktenzeichen</source>
        <translation>File number</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="97"/>
        <source>Antragsteller/in</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="98"/>
        <source>Brief</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="99"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="100"/>
        <source>Entschieden von</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="101"/>
        <source>Erstellt</source>
        <translation>Created</translation>
    </message>
</context>
<context>
    <name>LinksPanel</name>
    <message>
        <location filename="../../ui/editor/panels.py" line="65"/>
        <source>Aktenzeichen</source>
        <translation>File number</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="65"/>
        <source>Leistung</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="65"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="65"/>
        <source>Antragsteller/in</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="67"/>
        <source>Keine verknüpften Fälle – unten ein Aktenzeichen eingeben und „Verknüpfen“ wählen.</source>
        <translation>No linked cases – enter a file number below and choose “Link”.</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="69"/>
        <source>Aktenzeichen, z. B. WBS-2026-000123</source>
        <translation>File number, e.g. WBS-2026-000123</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="71"/>
        <source>Ver&amp;knüpfen</source>
        <translation>&amp;Link</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="73"/>
        <source>Verknüpfung &amp;lösen</source>
        <translation>&amp;Remove link</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="76"/>
        <source>Verknüpfte Fälle (Doppelklick oder Eingabe öffnet den Fall):</source>
        <translation>Linked cases (double-click or Enter opens the case):</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login.py" line="57"/>
        <source>Backoffice – Anmeldung</source>
        <translation>Backoffice – Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="61"/>
        <source>Anmeldung an der Datenbank %1</source>
        <translation>Sign in to the database %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="66"/>
        <source>Passwort im Schlüsselbund des Systems speichern</source>
        <translation>Keep the password in the system keyring</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="73"/>
        <source>&amp;Benutzername:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="74"/>
        <source>&amp;Passwort:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="76"/>
        <source>&amp;Anmelden</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="77"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="92"/>
        <source>Bitte Benutzername und Passwort eingeben.</source>
        <translation>Please enter user name and password.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="95"/>
        <source>Anmeldung wird geprüft…</source>
        <translation>Checking the sign-in…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="127"/>
        <source>Die Datenbank passt nicht zu dieser Programmversion. Bitte wenden Sie sich an die IT.</source>
        <translation>The database does not match this version of the program. Please contact IT.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="129"/>
        <source>Anmeldung fehlgeschlagen: Benutzername oder Passwort falsch.</source>
        <translation>Sign-in failed: wrong user name or password.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="130"/>
        <source>Die Datenbank ist nicht erreichbar.</source>
        <translation>The database cannot be reached.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/views/main_window.py" line="75"/>
        <source>Backoffice – Stadt Mülheim an der Ruhr</source>
        <translation>Backoffice – City of Mülheim an der Ruhr</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="99"/>
        <source>Anmeldung…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="100"/>
        <source>Datenbank: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="103"/>
        <source>Datenbank: %1 – Verbindung nicht verschlüsselt geprüft</source>
        <translation>Database: %1 – connection not verified as encrypted</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="106"/>
        <source>Die Verbindung zum Datenbankserver ist nicht mit einem geprüften Zertifikat verschlüsselt (sslmode). Bitte wenden Sie sich an die IT.</source>
        <translation>The connection to the database server is not encrypted with a verified certificate (sslmode). Please contact IT.</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="131"/>
        <source>Angemeldet: %1</source>
        <translation>Signed in: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="133"/>
        <source>Angemeldet als %1</source>
        <translation>Signed in as %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="176"/>
        <source>Wird geladen…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="235"/>
        <source>&amp;Aktualisieren</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="239"/>
        <source>&amp;Beenden</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="243"/>
        <source>&amp;Erledigte Fälle in Warteschlangen zeigen</source>
        <translation>Show &amp;finished cases in queues</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="246"/>
        <source>&amp;Navigationsbereich</source>
        <translation>&amp;Navigation pane</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="250"/>
        <source>&amp;Spalten zurücksetzen</source>
        <translation>Reset &amp;columns</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="251"/>
        <source>Alle Spalten zeigen, in ihrer Reihenfolge und so breit wie ihr Inhalt</source>
        <translation>Show all columns, in their order and as wide as their content</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="253"/>
        <source>Ü&amp;ber Backoffice</source>
        <translation>&amp;About Backoffice</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="257"/>
        <source>&amp;Datei</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="261"/>
        <source>&amp;Bearbeiten</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="265"/>
        <source>&amp;Papierantrag erfassen…</source>
        <translation>Enter &amp;paper application…</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="269"/>
        <source>&amp;Portal</source>
        <translation>&amp;Portal</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="270"/>
        <source>&amp;Ansicht</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="275"/>
        <source>&amp;Suchen</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="280"/>
        <source>&amp;Einstellungen…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="284"/>
        <source>&amp;Hilfe</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="285"/>
        <source>&amp;Tastenkürzel</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="291"/>
        <source>Werkzeugleiste</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="324"/>
        <source>Über Backoffice</source>
        <translation>About Backoffice</translation>
    </message>
    <message>
        <location filename="../../ui/views/main_window.py" line="326"/>
        <source>&lt;b&gt;Backoffice&lt;/b&gt;&lt;p&gt;Bearbeitung der Online-Anträge (Wohnberechtigungsschein, Elterngeld, Führungszeugnis) der Stadt Mülheim an der Ruhr.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Backoffice&lt;/b&gt;&lt;p&gt;Processing of online applications (housing entitlement certificate, parental allowance, certificate of good conduct) for the City of Mülheim an der Ruhr.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MasterPassword</name>
    <message>
        <location filename="../../ui/dialogs/master_password.py" line="11"/>
        <source>Master-Passwort</source>
        <translation>Master password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/master_password.py" line="12"/>
        <source>Master-Passwort:</source>
        <translation>Master password:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/master_password.py" line="17"/>
        <source>Master-Passwort wiederholen:</source>
        <translation>Repeat the master password:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/master_password.py" line="22"/>
        <source>Die beiden Eingaben stimmen nicht überein. Es wurde nichts gespeichert.</source>
        <translation>The two entries differ. Nothing was saved.</translation>
    </message>
</context>
<context>
    <name>MaternityFacts</name>
    <message>
        <location filename="../../ui/letters/maternity_facts.py" line="33"/>
        <source>Betrag (€)</source>
        <translation>Amount (€)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/maternity_facts.py" line="27"/>
        <source>Mutterschaftsleistungen der Mutter ab der Geburt</source>
        <translation>The mother&apos;s maternity benefits from the birth</translation>
    </message>
    <message>
        <location filename="../../ui/letters/maternity_facts.py" line="29"/>
        <source>Mutterschaftsgeld und Arbeitgeberzuschuss, laut Bescheinigungen; Tage leer: ganzer Lebensmonat</source>
        <translation>Maternity allowance and the employer&apos;s supplement, as certified; days empty: the whole month of life</translation>
    </message>
    <message>
        <location filename="../../ui/letters/maternity_facts.py" line="34"/>
        <source>Tage</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../ui/letters/maternity_facts.py" line="40"/>
        <source>%1. Lebensmonat</source>
        <translation>Month of life %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/maternity_facts.py" line="63"/>
        <source>Mutterschaftsleistungen im %1. Lebensmonat</source>
        <translation>Maternity benefits in month of life %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/maternity_facts.py" line="68"/>
        <source>%1: bitte einen Betrag angeben</source>
        <translation>%1: please enter an amount</translation>
    </message>
    <message>
        <location filename="../../ui/letters/maternity_facts.py" line="73"/>
        <source>%1: Tage als Zahl von 1 bis 31 angeben</source>
        <translation>%1: give the days as a number from 1 to 31</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../ui/editor/panels.py" line="35"/>
        <source>Neue Notiz …</source>
        <translation>New note …</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="38"/>
        <source>Notiz &amp;hinzufügen</source>
        <translation>A&amp;dd note</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="47"/>
        <source>Zeitpunkt</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="47"/>
        <source>Von</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="47"/>
        <source>Notiz</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/editor/panels.py" line="50"/>
        <source>Noch keine Notizen – unten eine Notiz eingeben und „Notiz hinzufügen“ wählen.</source>
        <translation>No notes yet – type a note below and choose “Add note”.</translation>
    </message>
</context>
<context>
    <name>PaperApplicationDialog</name>
    <message>
        <location filename="../../ui/editor/paper.py" line="59"/>
        <source>Papierantrag erfassen</source>
        <translation>Enter paper application</translation>
    </message>
    <message>
        <location filename="../../ui/editor/paper.py" line="72"/>
        <source>&amp;Leistung:</source>
        <translation>&amp;Service:</translation>
    </message>
    <message>
        <location filename="../../ui/editor/paper.py" line="73"/>
        <source>&amp;Eingangsdatum:</source>
        <translation>&amp;Received on:</translation>
    </message>
    <message>
        <location filename="../../ui/editor/paper.py" line="82"/>
        <source>Fall &amp;anlegen</source>
        <translation>&amp;Create case</translation>
    </message>
    <message>
        <location filename="../../ui/editor/paper.py" line="145"/>
        <source>Der Antrag wurde nicht angelegt: bitte die markierten Angaben prüfen.</source>
        <translation>The application was not created: please check the marked entries.</translation>
    </message>
</context>
<context>
    <name>PortalAdmin</name>
    <message>
        <location filename="../../ui/portal_admin.py" line="39"/>
        <source>Portal-&amp;Einstellungen…</source>
        <translation>Portal &amp;settings…</translation>
    </message>
    <message>
        <location filename="../../ui/portal_admin.py" line="41"/>
        <location filename="../../ui/portal_admin.py" line="70"/>
        <source>&amp;Quarantäne…</source>
        <translation>&amp;Quarantine…</translation>
    </message>
    <message>
        <location filename="../../ui/portal_admin.py" line="70"/>
        <source>&amp;Quarantäne (%1)…</source>
        <translation>&amp;Quarantine (%1)…</translation>
    </message>
</context>
<context>
    <name>PortalSettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="267"/>
        <source>Portal-Einstellungen</source>
        <translation>Portal settings</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="276"/>
        <source>&amp;Verbindung</source>
        <translation>&amp;Connection</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="277"/>
        <source>&amp;Weiterleitung</source>
        <translation>&amp;Routing</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="279"/>
        <source>Verbindung &amp;speichern</source>
        <translation>&amp;Save connection</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="327"/>
        <source>Gespeichert. Die Verbindung wird neu aufgebaut.</source>
        <translation>Saved. The connection is being re-established.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="15"/>
        <source>Einstellungen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="22"/>
        <source>&amp;Sprache:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="23"/>
        <source>Eine geänderte Sprache gilt ab dem nächsten Programmstart.</source>
        <translation>A changed language takes effect the next time the program starts.</translation>
    </message>
</context>
<context>
    <name>PrintFileRun</name>
    <message>
        <location filename="../../ui/letters/print_file_run.py" line="38"/>
        <source>Die Datei wurde nicht gespeichert: %1</source>
        <translation>The file was not saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_file_run.py" line="41"/>
        <source>1 Brief in %1 gespeichert.</source>
        <translation>1 letter saved in %1.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_file_run.py" line="43"/>
        <source>%1 Briefe in %2 gespeichert.</source>
        <translation>%1 letters saved in %2.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_file_run.py" line="46"/>
        <source>%1 übersprungen (druckt gerade jemand anderes).</source>
        <translation>%1 skipped (someone else is printing them).</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_file_run.py" line="110"/>
        <source>Die PDF-Dateien lassen sich nicht zusammenfügen.</source>
        <translation>The PDF files cannot be joined.</translation>
    </message>
</context>
<context>
    <name>PrintJobsModel</name>
    <message>
        <location filename="../../ui/letters/models.py" line="74"/>
        <source>wird gedruckt</source>
        <translation>printing</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="76"/>
        <source>Aktenzeichen</source>
        <translation>File number</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="77"/>
        <source>Antragsteller/in</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="78"/>
        <source>Brief</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="79"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="80"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="82"/>
        <source>Angefordert</source>
        <translation>Requested</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="73"/>
        <source>wartet</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="73"/>
        <source>fehlgeschlagen</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../ui/letters/models.py" line="73"/>
        <source>gedruckt</source>
        <translation>printed</translation>
    </message>
</context>
<context>
    <name>PrintQueueDialog</name>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="68"/>
        <source>Druckwarteschlange</source>
        <translation>Print queue</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="77"/>
        <source>&amp;Drucken</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="78"/>
        <source>&amp;Alle drucken</source>
        <translation>Print &amp;all</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="79"/>
        <source>Als PDF-Datei &amp;speichern…</source>
        <translation>&amp;Save as PDF file…</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="80"/>
        <source>Die ausgewählten Briefe, ohne Auswahl alle, als eine PDF-Datei für die Druckerei oder die Poststelle</source>
        <translation>The selected letters (all of them if none is selected) as one PDF file for the print shop or the mail room</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="82"/>
        <source>A&amp;ktualisieren</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="83"/>
        <source>Druck a&amp;bbrechen</source>
        <translation>Cancel &amp;printing</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="87"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="102"/>
        <source>eines Tages:</source>
        <translation>of a day:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="106"/>
        <source>&amp;Vormerken</source>
        <translation>&amp;Queue</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="109"/>
        <source>Alle endgültigen Briefe vormerken:</source>
        <translation>Queue every final letter</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="135"/>
        <source>1 Brief vorgemerkt.</source>
        <translation>1 letter queued.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="136"/>
        <source>%1 Briefe vorgemerkt.</source>
        <translation>%1 letters queued.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="223"/>
        <source>1 Brief wartet auf den Druck.</source>
        <translation>1 letter is waiting to be printed.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="224"/>
        <source>%1 Briefe warten auf den Druck.</source>
        <translation>%1 letters are waiting to be printed.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="142"/>
        <source>der Warteschlange %1</source>
        <translation>of the queue %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="47"/>
        <source>Sammeldruck als PDF-Datei speichern</source>
        <translation>Save the batch print as a PDF file</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_queue.py" line="163"/>
        <location filename="../../ui/letters/print_queue.py" line="183"/>
        <source>Nichts ausgewählt.</source>
        <translation>Nothing selected.</translation>
    </message>
</context>
<context>
    <name>PrintRun</name>
    <message>
        <location filename="../../ui/letters/print_run.py" line="35"/>
        <source>1 Brief gedruckt.</source>
        <translation>1 letter printed.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_run.py" line="36"/>
        <source>%1 Briefe gedruckt.</source>
        <translation>%1 letters printed.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_run.py" line="38"/>
        <source>%1 fehlgeschlagen.</source>
        <translation>%1 failed.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_run.py" line="40"/>
        <source>%1 übersprungen (druckt gerade jemand anderes).</source>
        <translation>%1 skipped (someone else is printing them).</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_run.py" line="43"/>
        <source>Abgebrochen.</source>
        <translation>Cancelled.</translation>
    </message>
</context>
<context>
    <name>PrintSetupDialog</name>
    <message>
        <location filename="../../ui/letters/print_setup.py" line="34"/>
        <source>Drucken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_setup.py" line="36"/>
        <source>In eine PDF-Datei</source>
        <translation>Into a PDF file</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_setup.py" line="39"/>
        <source>Beidseitig</source>
        <translation>Both sides</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_setup.py" line="40"/>
        <source>Drucker werden gesucht …</source>
        <translation>Looking for printers …</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_setup.py" line="45"/>
        <source>&amp;Drucker:</source>
        <translation>&amp;Printer:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_setup.py" line="46"/>
        <source>&amp;Exemplare:</source>
        <translation>&amp;Copies:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_setup.py" line="60"/>
        <source>Kein Drucker eingerichtet.</source>
        <translation>No printer set up.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/print_setup.py" line="79"/>
        <source>In PDF-Datei drucken</source>
        <translation>Print to PDF file</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="57"/>
        <source>Quarantäne – nicht übernommene Portal-Eingänge</source>
        <translation>Quarantine – portal submissions that were not taken over</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="63"/>
        <source>Eingang</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="63"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="63"/>
        <source>Einreichung</source>
        <translation>Submission</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="63"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="71"/>
        <source>Keine Einträge – hier erscheinen Portal-Eingänge, die nicht als Fall übernommen werden konnten.</source>
        <translation>No entries – portal submissions that could not become a case appear here.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="81"/>
        <source>&amp;Grund</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="82"/>
        <source>&amp;Metadaten</source>
        <translation>&amp;Metadata</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="83"/>
        <source>&amp;Verschlüsselte Einreichung</source>
        <translation>&amp;Encrypted submission</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="90"/>
        <source>Erledigte &amp;anzeigen</source>
        <translation>&amp;Show resolved</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="95"/>
        <source>Erneut a&amp;brufen</source>
        <translation>Fetch a&amp;gain</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="108"/>
        <source>Diese Einreichungen wurden beim Portal mit dem angegebenen Problem abgelehnt und hier mit allen Daten aufbewahrt. Die Antragstellenden müssen ggf. erneut einreichen. Ausgenommen sind Einreichungen, die auf einen Schlüssel warten: Sie bleiben beim Portal und werden bei jedem Abruf erneut versucht.</source>
        <translation>These submissions were rejected at the portal with the problem shown and are kept here with all their data. The applicants may have to submit again. Except submissions that wait for a key: they stay at the portal and are tried again at every fetch.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="164"/>
        <source>Bereits erledigt.</source>
        <translation>Already dealt with.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="166"/>
        <source>Beim Portal abgelehnt: Das Portal hält die Einreichung nicht mehr, sie kann nicht erneut abgerufen werden. Die Antragstellenden müssen erneut einreichen.</source>
        <translation>Rejected at the portal: the portal no longer holds the submission, so it cannot be fetched again. The applicants must submit again.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="168"/>
        <source>Wartet auf einen Schlüssel und wird bei jedem Abruf erneut versucht. Nachdem der Schlüssel hinterlegt wurde: jetzt erneut abrufen.</source>
        <translation>Waits for a key and is tried again at every fetch. Once the key has been added: fetch it again now.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="175"/>
        <source>Erneuter Abruf angefordert am %1 von %2</source>
        <translation>Fetching again requested on %1 by %2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="177"/>
        <source>Erledigt am %1 von %2: %3</source>
        <translation>Dealt with on %1 by %2: %3</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="184"/>
        <source>Erledigen oder verwerfen</source>
        <translation>Resolve or discard</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="185"/>
        <source>Wie wurde der Eingang erledigt, oder warum wird er verworfen?</source>
        <translation>How was the submission dealt with, or why is it discarded?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="209"/>
        <source>Der Abruf läuft.</source>
        <translation>Fetching is under way.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="209"/>
        <source>Wird beim nächsten Abruf erneut abgerufen.</source>
        <translation>Will be fetched again at the next fetch.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="149"/>
        <source>erledigt</source>
        <translation>resolved</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="151"/>
        <source>offen</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="141"/>
        <source>Einträge: %1</source>
        <translation>Entries: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="92"/>
        <source>&amp;Erledigen / verwerfen…</source>
        <translation>&amp;Resolve / discard…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="151"/>
        <source>wartet auf Schlüssel</source>
        <translation>waiting for a key</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/quarantine.py" line="156"/>
        <source>(nicht entschlüsselbar)</source>
        <translation>(could not be decrypted)</translation>
    </message>
</context>
<context>
    <name>QueueTreeModel</name>
    <message>
        <location filename="../../ui/models/queue_tree.py" line="59"/>
        <source>Arbeitsbereiche</source>
        <translation>Work areas</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue_tree.py" line="116"/>
        <source>Meine Fälle</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue_tree.py" line="117"/>
        <source>Nicht zugewiesen</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue_tree.py" line="118"/>
        <source>Alle offenen Fälle</source>
        <translation>All open cases</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue_tree.py" line="119"/>
        <source>Warten auf Unterlagen</source>
        <translation>Waiting for documents</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue_tree.py" line="120"/>
        <source>Überfällig</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue_tree.py" line="121"/>
        <source>Wiedervorlage fällig</source>
        <translation>Follow-up due</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue_tree.py" line="122"/>
        <source>Abgeschlossen</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue_tree.py" line="79"/>
        <source>Meine Filter</source>
        <translation>My filters</translation>
    </message>
</context>
<context>
    <name>QuickOpen</name>
    <message>
        <location filename="../../ui/views/quick_open.py" line="165"/>
        <source>Fall &amp;öffnen…</source>
        <translation>&amp;Open case…</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="167"/>
        <source>Einen Fall aus allen Ihren Fällen nach Aktenzeichen oder Name öffnen (Strg+K)</source>
        <translation>Open any of your cases by file number or name (Ctrl+K)</translation>
    </message>
</context>
<context>
    <name>QuickOpenDialog</name>
    <message>
        <location filename="../../ui/views/quick_open.py" line="43"/>
        <source>Fall öffnen</source>
        <translation>Open case</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="46"/>
        <source>Aktenzeichen, Name oder Anschrift – in allen Ihren Fällen</source>
        <translation>File number, name or address – in all your cases</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="53"/>
        <source>Aktenzeichen</source>
        <translation>File number</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="53"/>
        <source>Antragsteller/in</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="53"/>
        <source>Leistung</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="53"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="55"/>
        <location filename="../../ui/views/quick_open.py" line="117"/>
        <source>Tippen Sie ein Aktenzeichen oder einen Namen.</source>
        <translation>Type a file number or a name.</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="79"/>
        <source>Suche läuft…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="119"/>
        <source>Keine Treffer.</source>
        <translation>No matches.</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="121"/>
        <source>1 Treffer. Eingabetaste öffnet ihn.</source>
        <translation>1 match. Enter opens it.</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="123"/>
        <source>Die neuesten %1 von über %2 Treffern. Genauere Eingabe grenzt ein.</source>
        <translation>The newest %1 of more than %2 matches. Type more to narrow them down.</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="126"/>
        <source>Die neuesten %1 von %2 Treffern. Genauere Eingabe grenzt ein.</source>
        <translation>The newest %1 of %2 matches. Type more to narrow them down.</translation>
    </message>
    <message>
        <location filename="../../ui/views/quick_open.py" line="128"/>
        <source>%1 Treffer. Eingabetaste öffnet den markierten.</source>
        <translation>%1 matches. Enter opens the selected one.</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="47"/>
        <source>%1 Fälle zuweisen</source>
        <translation>Assign %1 cases</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="47"/>
        <source>1 Fall zuweisen</source>
        <translation>Assign 1 case</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="52"/>
        <source>z. B. Urlaubsvertretung, Belastungsausgleich</source>
        <translation>e.g. holiday cover, balancing the load</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="57"/>
        <source>&amp;An:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="58"/>
        <source>&amp;Begründung:</source>
        <translation>&amp;Reason:</translation>
    </message>
</context>
<context>
    <name>RedistributionDialog</name>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="184"/>
        <source>Fälle von %1 umverteilen</source>
        <translation>Redistribute the cases of %1</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="187"/>
        <source>Wenigste offene Fälle zuerst</source>
        <translation>Fewest open cases first</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="188"/>
        <source>Reihum</source>
        <translation>Round robin</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="190"/>
        <source>Aktenzeichen</source>
        <translation>File number</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="190"/>
        <source>Gesetzliche Frist</source>
        <translation>Legal deadline</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="190"/>
        <source>Neu zuständig</source>
        <translation>New assignee</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="191"/>
        <source>Vorschlag wird berechnet …</source>
        <translation>Computing the proposal …</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="194"/>
        <source>Begründung, z. B. Urlaubsvertretung</source>
        <translation>Reason, e.g. holiday cover</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="196"/>
        <source>&amp;Umverteilen</source>
        <translation>&amp;Redistribute</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="198"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="203"/>
        <source>&amp;Regel:</source>
        <translation>&amp;Rule:</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="226"/>
        <source>%1 hat keine offenen Fälle, die umzuverteilen wären.</source>
        <translation>%1 has no open cases to redistribute.</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="236"/>
        <source>1 offener Fall</source>
        <translation>1 open case</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="237"/>
        <source>%1 offene Fälle</source>
        <translation>%1 open cases</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="264"/>
        <source>1 Fall umverteilt.</source>
        <translation>1 case redistributed.</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/absences.py" line="265"/>
        <source>%1 Fälle umverteilt.</source>
        <translation>%1 cases redistributed.</translation>
    </message>
</context>
<context>
    <name>RoutingPage</name>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="171"/>
        <source>Wenn</source>
        <translation>If</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="171"/>
        <source>dann Warteschlange</source>
        <translation>then queue</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="181"/>
        <source>Leistung: %1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="182"/>
        <source>Destination-ID:</source>
        <translation>Destination ID:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="184"/>
        <source>Destination-ID</source>
        <translation>Destination ID</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="188"/>
        <source>Regel speichern</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="190"/>
        <source>Regel löschen</source>
        <translation>Delete rule</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="193"/>
        <source>Ohne Regel landen Anträge in der Eingangs-Warteschlange ihrer Leistung. Eine Regel für eine Destination-ID geht einer Regel für die Leistung vor.</source>
        <translation>Without a rule, applications land in their service&apos;s intake queue. A rule for a destination ID takes precedence over a rule for the service.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="228"/>
        <source>Destination-ID %1</source>
        <translation>Destination ID %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/portal_settings.py" line="231"/>
        <source>Leistung %1</source>
        <translation>Service %1</translation>
    </message>
</context>
<context>
    <name>SavedFilters</name>
    <message>
        <location filename="../../ui/views/saved_filters.py" line="42"/>
        <source>Filter speichern</source>
        <translation>Save filter</translation>
    </message>
    <message>
        <location filename="../../ui/views/saved_filters.py" line="42"/>
        <source>Name des Filters:</source>
        <translation>Filter name:</translation>
    </message>
    <message>
        <location filename="../../ui/views/saved_filters.py" line="69"/>
        <source>Filter &amp;löschen</source>
        <translation>&amp;Delete filter</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="66"/>
        <source>Tastenkürzel</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="69"/>
        <source>Schritt</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="69"/>
        <source>Tasten</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="34"/>
        <source>Fallliste</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="35"/>
        <source>Nächsten Fall übernehmen (er öffnet sich)</source>
        <translation>Claim the next case (it opens)</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="36"/>
        <source>Gewählten Fall mir zuweisen</source>
        <translation>Assign the selected case to me</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="37"/>
        <source>Fall öffnen (Aktenzeichen oder Name)</source>
        <translation>Open a case (file number or name)</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="38"/>
        <source>Papierantrag erfassen</source>
        <translation>Enter a paper application</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="39"/>
        <source>Aktualisieren</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="41"/>
        <source>Fall</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="42"/>
        <source>Vorgeschlagene Unterlagen übernehmen (abhaken)</source>
        <translation>Accept the proposed documents (tick them)</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="43"/>
        <source>Entscheiden (Vorschlag der Regeln)</source>
        <translation>Decide (the rules&apos; proposal)</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="44"/>
        <source>Briefe des Falls</source>
        <translation>Letters of the case</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="45"/>
        <source>Fall abschließen</source>
        <translation>Close case</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="46"/>
        <source>Antragsdaten speichern</source>
        <translation>Save the application data</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="47"/>
        <source>Nächster / voriger Fall der Liste</source>
        <translation>Next / previous case of the list</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="49"/>
        <source>Entscheidung</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="50"/>
        <source>Entscheiden und Bescheid erstellen</source>
        <translation>Decide and create the decision notice</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="51"/>
        <source>Bescheid drucken</source>
        <translation>Print the decision notice</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/startup.py" line="83"/>
        <source>Demodaten werden erzeugt (%1 Fälle)…</source>
        <translation>Creating demo data (%1 cases)…</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="119"/>
        <source>Backoffice – Anmeldung</source>
        <translation>Backoffice – Sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="113"/>
        <source>Das Benutzerkonto „%1“ ist hier nicht eingerichtet. Bitte wenden Sie sich an die IT.</source>
        <translation>The user account “%1” is not set up here. Please contact IT.</translation>
    </message>
</context>
<context>
    <name>StatisticsMenu</name>
    <message>
        <location filename="../../ui/views/statistics_menu.py" line="21"/>
        <source>&amp;Auswertungen…</source>
        <translation>&amp;Reports…</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_menu.py" line="20"/>
        <source>&amp;Statistik</source>
        <translation>&amp;Statistics</translation>
    </message>
</context>
<context>
    <name>StatisticsModel</name>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="78"/>
        <source>Zeitraum</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="78"/>
        <source>Leistung</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="78"/>
        <source>Eingang</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="78"/>
        <source>Entschieden</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="78"/>
        <source>Bewilligt</source>
        <translation>Granted</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="79"/>
        <source>Abgelehnt</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="79"/>
        <source>Weitergeleitet</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="79"/>
        <source>Zurückgenommen</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="80"/>
        <source>Bearbeitungszeit (Median, Tage)</source>
        <translation>Processing time (median, days)</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="80"/>
        <source>Im Ziel</source>
        <translation>Within target</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="80"/>
        <source>Bestand am Ende</source>
        <translation>Open at end</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="116"/>
        <source>Gesamt %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="125"/>
        <source>%1 von %2 (%3 %)</source>
        <translation>%1 of %2 (%3 %)</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="150"/>
        <source>Statistik</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="160"/>
        <source>Tag</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="160"/>
        <source>Woche</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="161"/>
        <source>Monat</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="165"/>
        <source>alle Abteilungen</source>
        <translation>all departments</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="167"/>
        <source>alle Leistungen</source>
        <translation>all services</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="170"/>
        <source>&amp;Anzeigen</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="173"/>
        <source>&amp;Von</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="173"/>
        <source>&amp;Bis</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="174"/>
        <source>&amp;Einteilung</source>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="174"/>
        <source>Ab&amp;teilung</source>
        <translation>Depar&amp;tment</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="175"/>
        <source>&amp;Leistung</source>
        <translation>Ser&amp;vice</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="194"/>
        <source>&amp;Tabelle</source>
        <translation>&amp;Table</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="195"/>
        <source>Eingang und Entscheidungen</source>
        <translation>Received and decided</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="196"/>
        <source>Bearbeitungszeit</source>
        <translation>Processing time</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="197"/>
        <source>Bestand</source>
        <translation>Backlog</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="208"/>
        <source>&amp;CSV exportieren…</source>
        <translation>Export &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="209"/>
        <source>&amp;PDF-Bericht…</source>
        <translation>&amp;PDF report…</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="210"/>
        <source>§ 22 &amp;BEEG…</source>
        <translation>§ 22 &amp;BEEG…</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="211"/>
        <source>Elterngeldstatistik eines Quartals nach § 22 BEEG als CSV-Datei</source>
        <translation>A quarter&apos;s Elterngeld statistics under § 22 BEEG as a CSV file</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="212"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="239"/>
        <source>Wird berechnet…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="265"/>
        <source>%1 bis %2: %3 Eingänge, %4 Entscheidungen.</source>
        <translation>%1 to %2: %3 received, %4 decided.</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="292"/>
        <source>Eingang %1</source>
        <translation>Received %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="295"/>
        <source>Entschieden %1</source>
        <translation>Decided %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="300"/>
        <source>Eingang und Entscheidungen je Periode</source>
        <translation>Received and decided per period</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="302"/>
        <source>Bearbeitungszeit (Median, Kalendertage)</source>
        <translation>Processing time (median, calendar days)</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="305"/>
        <source>Offene Fälle am Periodenende</source>
        <translation>Open cases at the end of the period</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="356"/>
        <source>Statistik als CSV speichern</source>
        <translation>Save statistics as CSV</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="356"/>
        <location filename="../../ui/views/statistics_view.py" line="381"/>
        <source>CSV-Dateien (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="363"/>
        <source>Statistik als PDF speichern</source>
        <translation>Save statistics as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="363"/>
        <source>PDF-Dateien (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="380"/>
        <source>Elterngeldstatistik (§ 22 BEEG) speichern</source>
        <translation>Save Elterngeld statistics (§ 22 BEEG)</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="406"/>
        <source>Wird gespeichert…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="396"/>
        <source>Gespeichert: %1 (%2 Personen). Was die Fälle nicht enthalten, bleibt leer (Hinweise im Tooltip).</source>
        <translation>Saved: %1 (%2 persons). What the cases do not hold stays empty (notes in the tooltip).</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="410"/>
        <source>PDF wird erstellt: Seite %1…</source>
        <translation>Creating the PDF: page %1…</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="414"/>
        <source>Gespeichert: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="426"/>
        <source>%1. Quartal %2</source>
        <translation>Q%1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="427"/>
        <source>§ 22 BEEG</source>
        <translation>§ 22 BEEG</translation>
    </message>
    <message>
        <location filename="../../ui/views/statistics_view.py" line="427"/>
        <source>Quartal:</source>
        <translation>Quarter:</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_controller.py" line="66"/>
        <source>&amp;Abholen</source>
        <translation>&amp;Fetch</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="67"/>
        <source>Neue Anträge vom Portal abholen (Strg+R)</source>
        <translation>Fetch new applications from the portal (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="75"/>
        <source>Portal: wird verbunden…</source>
        <translation>Portal: connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="99"/>
        <source>Portal: verbunden</source>
        <translation>Portal: connected</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="115"/>
        <source>Portal: nicht verbunden</source>
        <translation>Portal: not connected</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="127"/>
        <location filename="../../ui/sync_controller.py" line="201"/>
        <source>Portal: Abholung durch den Abholdienst</source>
        <translation>Portal: collected by the intake service</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="156"/>
        <source>Portal: wird abgeholt…</source>
        <translation>Portal: fetching…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="172"/>
        <source>Portal: zuletzt %1, übersprungen (ein anderer Arbeitsplatz holt ab)</source>
        <translation>Portal: last %1, skipped (another workstation is fetching)</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="175"/>
        <source>Portal: zuletzt %1, %2 neu</source>
        <translation>Portal: last %1, %2 new</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="177"/>
        <source>, %1 warten auf einen Schlüssel</source>
        <translation>, %1 waiting for a key</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="180"/>
        <source>, E-Mail-Benachrichtigungen gestört</source>
        <translation>, e-mail notices failing</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="182"/>
        <source>Nicht zugestellte E-Mail-Benachrichtigungen: %1</source>
        <translation>E-mail notices not delivered: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="184"/>
        <source>, %1 Fehler</source>
        <translation>, %1 errors</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="211"/>
        <source>Portal: wird abgeholt… %1 von %2</source>
        <translation>Portal: fetching… %1 of %2</translation>
    </message>
    <message>
        <location filename="../../ui/sync_controller.py" line="214"/>
        <source>Portal: Fehler – %1</source>
        <translation>Portal: error – %1</translation>
    </message>
</context>
<context>
    <name>TeamLead</name>
    <message>
        <location filename="../../ui/teamlead/cases.py" line="45"/>
        <source>Abwesend</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="30"/>
        <source>%1 (abwesend bis %2)</source>
        <translation>%1 (absent until %2)</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/dialogs.py" line="39"/>
        <source>Zurück in den Eingang (nicht zugewiesen)</source>
        <translation>Back to the queue (unassigned)</translation>
    </message>
</context>
<context>
    <name>TeamLeadMenu</name>
    <message>
        <location filename="../../ui/teamlead/menu.py" line="23"/>
        <source>&amp;Team</source>
        <translation>&amp;Team</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/menu.py" line="24"/>
        <source>&amp;Teamleitung…</source>
        <translation>&amp;Team lead…</translation>
    </message>
</context>
<context>
    <name>TeamLeadWindow</name>
    <message>
        <location filename="../../ui/teamlead/window.py" line="63"/>
        <source>Teamleitung</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/window.py" line="67"/>
        <source>&amp;Aktualisieren</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/window.py" line="78"/>
        <source>Arbeits&amp;last</source>
        <translation>Work&amp;load</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/window.py" line="79"/>
        <source>&amp;Fristen</source>
        <translation>&amp;Deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/window.py" line="80"/>
        <source>Ab&amp;wesenheiten</source>
        <translation>Ab&amp;sences</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/window.py" line="81"/>
        <source>Frei&amp;gaben</source>
        <translation>Appro&amp;vals</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/window.py" line="82"/>
        <source>&amp;Quarantäne</source>
        <translation>&amp;Quarantine</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/window.py" line="94"/>
        <source>A&amp;bteilung:</source>
        <translation>De&amp;partment:</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/window.py" line="136"/>
        <source>Sie leiten keine Abteilung.</source>
        <translation>You do not lead a department.</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/window.py" line="145"/>
        <source>Alle offenen Fälle der Abteilung</source>
        <translation>All open cases of the department</translation>
    </message>
</context>
<context>
    <name>WbsFacts</name>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="53"/>
        <source>Freibeträge nach § 15 Abs. 3 WFNG NRW (von der Sachbearbeitung nach Unterlagen festzustellen)</source>
        <translation>Allowances under § 15 Abs. 3 WFNG NRW (to be established by the clerk from documents)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="61"/>
        <source>Ausnahme bei Überschreitung der Einkommensgrenze bis 5 % im Ermessen prüfen (Praxis der Stadt)</source>
        <translation>Consider a discretionary exception when the income limit is exceeded by up to 5 % (city practice)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="68"/>
        <source>Junges Ehepaar oder junge Lebenspartnerschaft</source>
        <translation>Young married couple or young registered partnership</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="71"/>
        <location filename="../../ui/letters/wbs_facts.py" line="98"/>
        <source>Im Antrag geltend gemacht.</source>
        <translation>Claimed in the application.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="75"/>
        <source>Geburtsdatum fehlt</source>
        <translation>date of birth missing</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="76"/>
        <source>%1, geboren am %2</source>
        <translation>%1, born %2</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="80"/>
        <source>nicht festgestellt</source>
        <translation>not established</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="81"/>
        <source>Heirats- oder Lebenspartnerschaftsurkunde geprüft</source>
        <translation>Marriage or partnership certificate checked</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="82"/>
        <source>nicht nachgewiesen (kein Freibetrag)</source>
        <translation>not proven (no allowance)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="84"/>
        <source>TT.MM.JJJJ</source>
        <translation>DD.MM.YYYY</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="87"/>
        <source>Nachweis:</source>
        <translation>Proof:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="88"/>
        <source>Datum der Eheschließung / Lebenspartnerschaft:</source>
        <translation>Date of marriage / partnership:</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="94"/>
        <source>Schwerbehinderung und häusliche Pflegebedürftigkeit</source>
        <translation>Severe disability and need of home care</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="100"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="100"/>
        <source>GdB</source>
        <translation>Degree of disability</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="100"/>
        <source>häuslich pflegebedürftig</source>
        <translation>needs home care</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="101"/>
        <source>Nachweis GdB</source>
        <translation>Proof of degree</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="101"/>
        <source>Nachweis Pflege</source>
        <translation>Proof of care</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="101"/>
        <source>geprüft</source>
        <translation>checked</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="108"/>
        <source>keiner</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="116"/>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="127"/>
        <source>Keine Schwerbehinderung nachgewiesen (kein Freibetrag)</source>
        <translation>No severe disability proven (no allowance)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="132"/>
        <source>Schwerbehindertenausweis</source>
        <translation>Severe disability card</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="133"/>
        <source>Feststellungsbescheid (GdB)</source>
        <translation>Assessment notice (degree of disability)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="138"/>
        <source>Bescheid der Pflegekasse (Pflegegrad)</source>
        <translation>Care insurance notice (care level)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="139"/>
        <source>Gutachten des Medizinischen Dienstes</source>
        <translation>Medical service report</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="146"/>
        <source>Weitere Freibeträge</source>
        <translation>Further allowances</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="155"/>
        <source>Jahresbetrag €</source>
        <translation>Yearly amount €</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="165"/>
        <source>Im Antrag geltend gemacht: gezahlter Unterhalt – bitte den Jahresbetrag eintragen.</source>
        <translation>Claimed in the application: maintenance paid – please enter the yearly amount.</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="185"/>
        <source>Datum der Eheschließung / Lebenspartnerschaft: bitte ein gültiges Datum (TT.MM.JJJJ) angeben</source>
        <translation>Date of marriage / partnership: please enter a valid date (DD.MM.YYYY)</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="192"/>
        <source>Schwerbehinderung: ein GdB ist eingetragen, aber „keine Schwerbehinderung nachgewiesen“ ist angekreuzt</source>
        <translation>Severe disability: a degree is entered, but “no severe disability proven” is ticked</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="203"/>
        <source>Person %1</source>
        <translation>Person %1</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="205"/>
        <source>%1: bitte bestätigen, dass der Nachweis des GdB geprüft ist</source>
        <translation>%1: please confirm that the proof of the degree of disability was checked</translation>
    </message>
    <message>
        <location filename="../../ui/letters/wbs_facts.py" line="210"/>
        <source>%1: bitte den Nachweis der häuslichen Pflegebedürftigkeit wählen</source>
        <translation>%1: please choose the proof of the need of home care</translation>
    </message>
</context>
<context>
    <name>WorkActions</name>
    <message>
        <location filename="../../ui/work_actions.py" line="45"/>
        <source>&amp;Nächsten Fall übernehmen</source>
        <translation>Claim &amp;next case</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="48"/>
        <source>Den dringendsten nicht zugewiesenen Fall der gewählten Liste übernehmen, sonst Ihrer Warteschlangen (Strg+N)</source>
        <translation>Take the most urgent unassigned case of the selected list, otherwise of your queues (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="50"/>
        <source>Ö&amp;ffnen</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="52"/>
        <source>&amp;Mir zuweisen</source>
        <translation>Assign to &amp;me</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="55"/>
        <source>&amp;Freigeben…</source>
        <translation>&amp;Release…</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="57"/>
        <source>&amp;Zuweisen an…</source>
        <translation>&amp;Assign to…</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="60"/>
        <source>Briefe zum &amp;Drucken vormerken</source>
        <translation>Queue letters for &amp;printing</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="61"/>
        <source>Die fertigen, noch nicht gedruckten Briefe der gewählten Fälle in die Druckwarteschlange</source>
        <translation>Put the final, not yet printed letters of the selected cases into the print queue</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="99"/>
        <source>Kein Fall ausgewählt</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="101"/>
        <source>Höchstens %1 Fälle auf einmal</source>
        <translation>At most %1 cases at once</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="103"/>
        <source>Die Auswahl ist noch nicht ganz geladen</source>
        <translation>The selection has not fully loaded yet</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="116"/>
        <source>%1 ist %2 zugewiesen – einen zugewiesenen Fall bitte einzeln übernehmen</source>
        <translation>%1 is assigned to %2 – please take over an assigned case on its own</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="126"/>
        <source>Die Auswahl umfasst mehrere Abteilungen – bitte je Abteilung zuweisen</source>
        <translation>The selection spans several departments – please assign per department</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="129"/>
        <source>Zuweisen kann nur die Teamleitung der Abteilung</source>
        <translation>Only the department&apos;s team lead can assign</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="181"/>
        <source>Keine neuen fertigen Briefe zum Drucken in der Auswahl.</source>
        <translation>No new final letters to print in the selection.</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="183"/>
        <source>1 Brief zum Drucken vorgemerkt (Briefe › Druckwarteschlange).</source>
        <translation>1 letter queued for printing (Letters › Print queue).</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="185"/>
        <source>%1 Briefe zum Drucken vorgemerkt (Briefe › Druckwarteschlange).</source>
        <translation>%1 letters queued for printing (Letters › Print queue).</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="195"/>
        <source>%1 ist niemandem zugewiesen</source>
        <translation>%1 is not assigned to anyone</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="215"/>
        <source>Ihre Warteschlangen enthalten keinen Fall zum Übernehmen.</source>
        <translation>Your queues hold no case to claim.</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="217"/>
        <source>Übernommen: %1</source>
        <translation>Claimed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="237"/>
        <source>Fall übernehmen</source>
        <translation>Take over case</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="238"/>
        <source>%1 ist %2 zugewiesen. Warum übernehmen Sie den Fall?</source>
        <translation>%1 is assigned to %2. Why are you taking over the case?</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="247"/>
        <source>Übernahme nicht möglich</source>
        <translation>Cannot take over</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="248"/>
        <source>%1 ist %2 zugewiesen. Übernehmen kann ihn die Teamleitung, oder Sie selbst, wenn die Teamleitung %2 als abwesend eingetragen und die Vertretung freigegeben hat.</source>
        <translation>%1 is assigned to %2. A team lead can take it over, or you can if the team lead has recorded %2 as absent and allowed colleagues to cover.</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="288"/>
        <source>Warum geben Sie diese %1 Fälle frei?</source>
        <translation>Why are you releasing these %1 cases?</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="289"/>
        <source>Fall freigeben</source>
        <translation>Release case</translation>
    </message>
    <message>
        <location filename="../../ui/work_actions.py" line="287"/>
        <source>Warum geben Sie %1 frei?</source>
        <translation>Why are you releasing %1?</translation>
    </message>
</context>
<context>
    <name>WorkloadPanel</name>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="109"/>
        <source>Offene Fälle je Mitarbeiter/in</source>
        <translation>Open cases per staff member</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="110"/>
        <source>Abteilung</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="129"/>
        <source>Nicht zugewiesen</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="130"/>
        <source>Überfällig</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="131"/>
        <source>Fällig diese Woche</source>
        <translation>Due this week</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="132"/>
        <source>Warten auf Unterlagen</source>
        <translation>Waiting for documents</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="133"/>
        <source>Alle offenen (älteste zuerst)</source>
        <translation>All open (oldest first)</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="134"/>
        <source>Alter seit Eingang, Median</source>
        <translation>Age since receipt, median</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="135"/>
        <source>Alter seit Eingang, 90. Perzentil</source>
        <translation>Age since receipt, 90th percentile</translation>
    </message>
    <message>
        <location filename="../../ui/teamlead/figures.py" line="143"/>
        <source>%1 Tage</source>
        <translation>%1 days</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/letters/approvals.py" line="37"/>
        <source>Zurückweisen</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../ui/letters/approvals.py" line="37"/>
        <source>Begründung für die Sachbearbeitung:</source>
        <translation>Reason for the clerk:</translation>
    </message>
</context>
</TS>
