/* trellis-goal-workflow.c: written by the goals-workflow engineer. */
