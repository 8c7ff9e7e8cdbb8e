export { tasksCalendar } from './calendar.ts';
export { myTasks } from './tasks.ts';
