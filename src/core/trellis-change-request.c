/* trellis-change-request.c: written by the goals-workflow engineer. */
