"""Training before use (研修), generated from the municipality's own effective policy.

The course (:func:`build_course`): a lesson per chapter of the effective policy as one
department uses it. The quiz (:func:`question_pool`, :func:`draw`, :func:`score`): case
questions answered by the engine's own judgment, and role questions. The records
(:class:`TrainingRecords`) and the state they give (:func:`state_of`): passing makes the
account trained until the policy's validity ends or a chapter its department uses
changes. The handout (:func:`render_handout`): the course as a PDF through the
guideline renderer's machinery.
"""

from hinagata.training._course import Course, Lesson, build_course
from hinagata.training._handout import render_handout, render_handout_html
from hinagata.training._quiz import Choice, Pool, Question, Scored, draw, question_pool, score
from hinagata.training._records import RECORD_COLUMNS, Attempt, TrainingRecords, records_csv
from hinagata.training._state import (
    STATUS_LABELS,
    TrainingState,
    apply_training,
    current_versions,
    state_for,
    state_of,
)
from hinagata.training._version import chapter_versions, course_version

__all__ = [
    "RECORD_COLUMNS",
    "STATUS_LABELS",
    "Attempt",
    "Choice",
    "Course",
    "Lesson",
    "Pool",
    "Question",
    "Scored",
    "TrainingRecords",
    "TrainingState",
    "apply_training",
    "build_course",
    "chapter_versions",
    "course_version",
    "current_versions",
    "draw",
    "question_pool",
    "records_csv",
    "render_handout",
    "render_handout_html",
    "score",
    "state_for",
    "state_of",
]
