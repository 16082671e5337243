package dev.briefing.llm;

public enum Role {
    SYSTEM, USER, ASSISTANT
}
