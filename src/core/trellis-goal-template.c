/* trellis-goal-template.c: written by the goals-workflow engineer. */
