package org.zhaoshang.calendar;

import org.zhaoshang.system.Labelled;

/**
 * Where the holiday data of a year comes from. An administrator's entry wins over a file in
 * {@code app.calendar.holiday-dir}, which wins over the file shipped in the application.
 */
public enum HolidayOrigin implements Labelled {
    ADMINISTRATOR("管理员录入"),
    DIRECTORY("外部目录文件"),
    SHIPPED("内置文件"),
    NONE("无数据");

    private final String label;

    HolidayOrigin(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
