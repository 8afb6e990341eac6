import { Admin, CustomRoutes, Layout, Menu, Resource, type LayoutProps } from 'react-admin';
import { HashRouter } from 'react-router-dom';
import { authProvider } from './authProvider';
import { Dashboard } from './Dashboard';
import { dataProvider } from './dataProvider';
import { ModerationList, ModerationShow } from './Moderation';
import { AuditList, OrganizationList } from './Resources';
import { AppealList } from './Appeals';
import { FlagList, FlagShow } from './Flags';
import * as Catalog from './Catalog';
import { UserList, UserShow } from './Users';
import { DiscountList, FeaturedCreate, FeaturedList, OrderList, OrderShow, PaymentList, PayoutList, PayoutShow, RefundList, RefundShow } from './Commerce';
import { BookingList, BookingShow, ShopServiceEdit, ShopServiceList } from './Bookings';

/** The menu: every resource, plus the queue dashboard (bull-board, served by the API at /admin/queues). */
function ConsoleMenu() {
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      <a href="/admin/queues" target="_blank" rel="noreferrer" style={{ padding: '6px 16px', display: 'block' }}>
        Queues ↗
      </a>
    </Menu>
  );
}

const ConsoleLayout = (props: LayoutProps) => <Layout {...props} menu={ConsoleMenu} />;

/**
 * Our own hash router (react-admin uses the one it finds) with navigations applied at once, not as React
 * transitions: as a transition, the move to the sign-in page kept the signed-in layout on screen while it
 * rendered, and that layout, unauthenticated, logged out and navigated again, for seconds, before the form
 * showed. No telemetry: the console calls nothing but the API.
 */
export function App() {
  return (
    <HashRouter useTransitions={false}>
      <Admin
        title="RevSync operators"
        dashboard={Dashboard}
        dataProvider={dataProvider}
        authProvider={authProvider}
        layout={ConsoleLayout}
        requireAuth
        disableTelemetry
      >
        <Resource name="moderation" options={{ label: 'Moderation' }} list={ModerationList} show={ModerationShow} />
        <Resource name="organizations" list={OrganizationList} />
        <Resource name="users" list={UserList} show={UserShow} />
        <Resource name="appeals" options={{ label: 'Appeals' }} list={AppealList} />
        <Resource name="flags" options={{ label: 'Flagged content' }} list={FlagList} show={FlagShow} />
        <Resource
          name="vehicle-types"
          options={{ label: 'Vehicle types' }}
          list={Catalog.VehicleTypeList}
          edit={Catalog.VehicleTypeEdit}
          create={Catalog.VehicleTypeCreate}
        />
        <Resource
          name="vehicle-brands"
          options={{ label: 'Brands' }}
          list={Catalog.VehicleBrandList}
          edit={Catalog.VehicleBrandEdit}
          create={Catalog.VehicleBrandCreate}
        />
        <Resource
          name="vehicle-models"
          options={{ label: 'Models' }}
          list={Catalog.VehicleModelList}
          edit={Catalog.VehicleModelEdit}
          create={Catalog.VehicleModelCreate}
        />
        <Resource name="audit-events" options={{ label: 'Audit log' }} list={AuditList} />
        <Resource name="orders" list={OrderList} show={OrderShow} />
        <Resource name="payments" list={PaymentList} />
        <Resource name="refunds" list={RefundList} show={RefundShow} />
        <Resource name="payouts" list={PayoutList} show={PayoutShow} />
        <Resource name="discounts" options={{ label: 'Discount codes' }} list={DiscountList} />
        <Resource name="featured-placements" options={{ label: 'Featured' }} list={FeaturedList} create={FeaturedCreate} />
        <Resource name="bookings" list={BookingList} show={BookingShow} />
        <Resource name="shop-services" options={{ label: 'Services & pricing' }} list={ShopServiceList} edit={ShopServiceEdit} />
        <CustomRoutes>{[]}</CustomRoutes>
      </Admin>
    </HashRouter>
  );
}
