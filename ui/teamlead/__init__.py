"""The team lead's workspace: a window per department with workload, deadlines, absences, approvals, quarantine."""
