/**
 * The admin context: the operators' API (/api/v1/admin/...) behind the console served at /admin. Its public
 * surface (the Nest module) is exported from here and nowhere else; see ARCHITECTURE.md section 3.
 */
export { AdminModule } from './admin.module';
